package dev.pocketdiffusion.trainer.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code mix:} makes each dataset one class, with its points where that dataset puts them. */
class MixDatasetTest {

  @Test
  void eachClassIsItsDataset() {
    LabelledDataset mix = (LabelledDataset) Datasets.byName("mix:moons,circle");
    assertEquals(Arrays.asList("moons", "circle"), mix.classNames());
    long[] labels = new long[4000];
    Points points = mix.sample(4000, 5, labels);
    int[] counts = new int[2];
    int moonsOnTheRing = 0;
    int circleOnTheRing = 0;
    for (int i = 0; i < points.size(); i++) {
      double radius = Math.hypot(points.get(i, 0), points.get(i, 1));
      boolean onRing = radius > 2.8 && radius < 3.2; // the unit circle ×3, jitter ≤ 0.09
      counts[(int) labels[i]]++;
      if (labels[i] == 1) {
        circleOnTheRing += onRing ? 1 : 0; // tiny-diffusion's circle also puts a few points at the centre
      } else {
        moonsOnTheRing += onRing ? 1 : 0;
      }
    }
    assertTrue(counts[0] > 1800 && counts[1] > 1800, Arrays.toString(counts));
    assertTrue(circleOnTheRing > 0.9 * counts[1], circleOnTheRing + " of " + counts[1] + " circle points on the ring");
    assertTrue(moonsOnTheRing < counts[0] / 10, moonsOnTheRing + " moons points on the circle's ring");
    long[] again = new long[4000];
    assertArrayEquals(points.data(), mix.sample(4000, 5, again).data(), 0);
    assertArrayEquals(labels, again);
  }

  @Test
  void aMixNeedsTwoKnownDatasets() {
    assertThrows(IllegalArgumentException.class, () -> Datasets.byName("mix:moons"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.byName("mix:moons,nope"));
    assertTrue(e.getMessage().contains("unknown dataset 'nope'"), e.getMessage());
  }
}
