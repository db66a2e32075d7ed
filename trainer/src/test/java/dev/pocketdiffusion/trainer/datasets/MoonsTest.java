package dev.pocketdiffusion.trainer.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import org.junit.jupiter.api.Test;

class MoonsTest {

  @Test
  void isReproducibleFromItsSeed() {
    Moons moons = new Moons();
    assertArrayEquals(moons.sample(500, 7).data(), moons.sample(500, 7).data(), 0);
    assertTrue(moons.sample(500, 7).data()[0] != moons.sample(500, 8).data()[0]);
  }

  @Test
  void liesOnTinyDiffusionsRescaledHalfCircles() {
    Points p = new Moons().sample(8000, 1);
    assertEquals(8000, p.size());
    int farFromBoth = 0;
    for (int i = 0; i < p.size(); i++) {
      // undo x ← (x + 0.3)·2 − 1, y ← (y + 0.3)·3 − 1
      double x = (p.get(i, 0) + 1) / 2 - 0.3;
      double y = (p.get(i, 1) + 1) / 3 - 0.3;
      double outer = Math.abs(Math.hypot(x, y) - 1);
      double inner = Math.abs(Math.hypot(x - 1, y - 0.5) - 1);
      if (Math.min(outer, inner) > 5 * 0.03 * Math.sqrt(2)) {
        farFromBoth++;
      }
    }
    assertEquals(0, farFromBoth, "points more than 5 noise std from both half circles");
  }

  @Test
  void unknownNamesAreRefusedWithTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.byName("moon"));
    assertEquals("unknown dataset 'moon' (choose one of: " + Datasets.NAMES + ")", e.getMessage());
  }
}
