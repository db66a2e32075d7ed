package dev.pocketdiffusion.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import org.junit.jupiter.api.Test;

class TwoMoonsMetricsTest {
  @Test
  void distanceCountsGeneratedPointsFartherThanThreshold() {
    Points real = TestPoints.xy(0, 0, 1, 1);
    // 0.01 from (0, 0); 0.015 from (1, 1); 0.03 from (0, 0) and far from (1, 1)
    Points generated = TestPoints.xy(0.01, 0, 1, 1.015, 0, -0.03);
    TwoMoonsMetrics metrics = TwoMoonsMetrics.of(real, generated, 0);
    assertEquals(1.0 / 3, metrics.distance(), 1e-15);
  }

  @Test
  void histogramMseOfIdenticalSetsIsZero() {
    Points real = TestPoints.gaussian(1, 1000, 2, 0, 1);
    assertEquals(0.0, TwoMoonsMetrics.of(real, real, 0).histogramMse());
  }

  @Test
  void histogramMseGrowsWhenOneSetIsShifted() {
    Points real = TestPoints.gaussian(1, 5000, 2, 0, 1);
    Points close = TestPoints.gaussian(2, 5000, 2, 0, 1);
    double same = HistogramMse.of(real, close, 50);
    double moved = HistogramMse.of(real, TestPoints.shifted(close, 2), 50);
    assertTrue(moved > 3 * same, "same = " + same + ", shifted = " + moved);
  }

  @Test
  void histogramMseComparesSharesOverTheUnionBox() {
    // box [0, 1]². Real: half its points in the first and half in the last bin; generated: all in
    // the first bin. MSE = (0.5² + 0.5²) / 2500 = 2e-4.
    Points real = TestPoints.xy(0, 0, 1, 1);
    Points generated = TestPoints.xy(0, 0, 0, 0);
    assertEquals(2e-4, HistogramMse.of(real, generated, 50), 1e-15);
  }

  @Test
  void histogramMseWidensADegenerateAxis() {
    // x range 0: widened to [-0.5, 0.5], so x = 0 falls in the middle column for both sets
    Points real = TestPoints.xy(0, 0, 0, 1);
    Points generated = TestPoints.xy(0, 1, 0, 1);
    assertEquals(2e-4, HistogramMse.of(real, generated, 50), 1e-15);
  }

  @Test
  void silhouetteByHand() {
    Points points = TestPoints.line(0, 1, 10, 11);
    double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
    assertEquals(
        expected, KMeansSilhouette.meanSilhouette(points, new int[] {0, 0, 1, 1}, 2), 1e-12);
    // a singleton scores 0: point 10 alone; 0 and 1 have a = 1, b = 10 and 9
    double withSingleton = (9.0 / 10 + 8.0 / 9 + 0) / 3;
    assertEquals(
        withSingleton,
        KMeansSilhouette.meanSilhouette(TestPoints.line(0, 1, 10), new int[] {0, 0, 1}, 2),
        1e-12);
  }

  @Test
  void shapeIsLowerForTwoSeparatedBlobsThanForOne() {
    Points real = TestPoints.corners(1, 2, 300, 0.1);
    Points twoBlobs = TestPoints.corners(2, 2, 300, 0.1);
    Points oneBlob = TestPoints.gaussian(3, 600, 2, 0, 0.5);
    double two = TwoMoonsMetrics.of(real, twoBlobs, 7).shape();
    double one = TwoMoonsMetrics.of(real, oneBlob, 7).shape();
    assertTrue(two < 0.2, "two blobs: " + two);
    assertTrue(one > 0.5, "one blob: " + one);
  }

  @Test
  void shapeOfIdenticalPointsIsOne() {
    Points real = TestPoints.xy(0, 0, 1, 1);
    Points collapsed = TestPoints.xy(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
    assertEquals(1.0, TwoMoonsMetrics.of(real, collapsed, 0).shape());
  }

  @Test
  void meanAveragesTheThreeAndIsDeterministic() {
    Points real = TestPoints.corners(1, 4, 100, 0.2);
    Points generated = TestPoints.corners(2, 3, 120, 0.3);
    TwoMoonsMetrics first = TwoMoonsMetrics.of(real, generated, 42);
    TwoMoonsMetrics second = TwoMoonsMetrics.of(real, generated, 42);
    assertEquals(
        (first.distance() + first.histogramMse() + first.shape()) / 3, first.mean(), 1e-15);
    assertEquals(first.shape(), second.shape());
    assertEquals(first.mean(), second.mean());
  }

  @Test
  void rejectsPointsThatAreNot2d() {
    Points real = TestPoints.gaussian(1, 10, 3, 0, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TwoMoonsMetrics.of(real, real, 0));
    assertTrue(e.getMessage().contains("2-D"), e.getMessage());
  }
}
