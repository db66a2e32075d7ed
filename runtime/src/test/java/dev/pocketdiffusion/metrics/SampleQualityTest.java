package dev.pocketdiffusion.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleQualityTest {
  private final Points real = TestPoints.corners(1, 4, 150, 0.1);
  private final Points generated = TestPoints.corners(2, 4, 100, 0.15);

  @Test
  void mapHasAllKeysInOrderAndMatchesTheParts() {
    SampleQuality quality = SampleQuality.evaluate(real, generated, 5);
    Map<String, Double> map = quality.asMap();
    assertEquals(
        Arrays.asList(
            "mmd2",
            "energy_distance",
            "precision",
            "recall",
            "distance",
            "histogram_mse",
            "shape",
            "two_moons_mean",
            "real_points",
            "generated_points"),
        new ArrayList<>(map.keySet()));
    assertEquals(Mmd.rbfSquared(real, generated), map.get("mmd2"));
    assertEquals(EnergyDistance.of(real, generated), map.get("energy_distance"));
    PrecisionRecall pr = PrecisionRecall.knn(real, generated, 3);
    assertEquals(pr.precision(), map.get("precision"));
    assertEquals(pr.recall(), map.get("recall"));
    assertEquals(quality.twoMoons().shape(), map.get("shape"));
    assertEquals(quality.twoMoons().mean(), map.get("two_moons_mean"));
    assertEquals(600.0, map.get("real_points"));
    assertEquals(400.0, map.get("generated_points"));
  }

  @Test
  void isDeterministicForAFixedSeed() {
    assertEquals(
        SampleQuality.evaluate(real, generated, 11).asMap(),
        SampleQuality.evaluate(real, generated, 11).asMap());
  }

  @Test
  void goodSamplesBeatBadOnes() {
    SampleQuality good = SampleQuality.evaluate(real, generated, 3);
    SampleQuality bad =
        SampleQuality.evaluate(real, TestPoints.shifted(TestPoints.corners(2, 2, 200, 0.4), 1), 3);
    assertTrue(good.mmd2() < bad.mmd2());
    assertTrue(good.energyDistance() < bad.energyDistance());
    assertTrue(good.precision() > bad.precision());
    assertTrue(good.recall() > bad.recall());
    assertTrue(good.twoMoons().distance() < bad.twoMoons().distance());
  }

  @Test
  void rejectsEmptyMismatchedAndNonFiniteSets() {
    assertMessage("generated points are empty", real, Points.zeros(0, 2));
    assertMessage("real points are empty", Points.zeros(0, 2), generated);
    assertMessage("dimension", real, TestPoints.gaussian(1, 10, 3, 0, 1));
    assertMessage("NaN", real, TestPoints.xy(0, 0, Double.NaN, 1, 2, 2, 3, 3));
  }

  private static void assertMessage(String expected, Points real, Points generated) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SampleQuality.evaluate(real, generated, 0));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
