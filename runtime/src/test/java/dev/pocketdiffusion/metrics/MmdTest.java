package dev.pocketdiffusion.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import org.junit.jupiter.api.Test;

class MmdTest {
  @Test
  void sameDistributionIsNearZero() {
    Points a = TestPoints.gaussian(1, 2000, 2, 0, 1);
    Points b = TestPoints.gaussian(2, 2000, 2, 0, 1);
    double mmd2 = Mmd.rbfSquared(a, b);
    assertTrue(Math.abs(mmd2) < 0.005, "mmd2 = " + mmd2);
  }

  @Test
  void meansOneStdApartArePositive() {
    Points a = TestPoints.gaussian(1, 2000, 2, 0, 1);
    Points b = TestPoints.gaussian(2, 2000, 2, 1, 1);
    double mmd2 = Mmd.rbfSquared(a, b);
    assertTrue(mmd2 > 0.05, "mmd2 = " + mmd2);
  }

  @Test
  void unbiasedEstimateOfIdenticalPairsIsExactAndNegative() {
    // pooled squared distances {0, 0, 4, 4, 4, 4}: h² = 4, so k(-1, 1) = exp(-4 / 8);
    // within means k(-1, 1) each, cross mean (1 + k(-1, 1)) / 2.
    Points points = TestPoints.line(-1, 1);
    assertEquals(4.0, Mmd.medianHeuristicBandwidthSquared(points, points), 1e-15);
    assertEquals(Math.exp(-0.5) - 1, Mmd.rbfSquared(points, points), 1e-12);
  }

  @Test
  void smallSamplesOfOneDistributionCanGoNegative() {
    int negative = 0;
    for (int seed = 0; seed < 20; seed++) {
      Points a = TestPoints.gaussian(100 + seed, 30, 2, 0, 1);
      Points b = TestPoints.gaussian(200 + seed, 30, 2, 0, 1);
      if (Mmd.rbfSquared(a, b) < 0) {
        negative++;
      }
    }
    assertTrue(negative > 0, "no negative estimate in 20 tries");
  }

  @Test
  void medianOfOddCountAndScaleInvariance() {
    // pairs of {0, 1, 3}: squared distances 1, 9, 4; median 4
    assertEquals(
        4.0, Mmd.medianHeuristicBandwidthSquared(TestPoints.line(0, 1), TestPoints.line(3)));
    Points a = TestPoints.gaussian(3, 300, 2, 0, 1);
    Points b = TestPoints.gaussian(4, 300, 2, 0.5, 1);
    Points a3 = scaled(a, 3);
    Points b3 = scaled(b, 3);
    assertEquals(
        9 * Mmd.medianHeuristicBandwidthSquared(a, b),
        Mmd.medianHeuristicBandwidthSquared(a3, b3),
        1e-9);
    assertEquals(Mmd.rbfSquared(a, b), Mmd.rbfSquared(a3, b3), 1e-12);
  }

  @Test
  void bandwidthSampleIsCappedAndStrided() {
    // 3000 points 0..2999 strided to every third: the median matches the 1000-point subset's
    double[] all = new double[3000];
    double[] every3 = new double[1000];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    for (int i = 0; i < every3.length; i++) {
      every3[i] = 3 * i;
    }
    Points far = TestPoints.line(1e6, 1e6 + 1);
    assertEquals(
        Mmd.medianHeuristicBandwidthSquared(TestPoints.line(every3), far),
        Mmd.medianHeuristicBandwidthSquared(TestPoints.line(all), far));
  }

  @Test
  void rejectsTooFewPointsAndMismatchedDimensions() {
    IllegalArgumentException single =
        assertThrows(
            IllegalArgumentException.class,
            () -> Mmd.rbfSquared(TestPoints.line(0), TestPoints.line(1, 2)));
    assertTrue(single.getMessage().contains("real"), single.getMessage());
    IllegalArgumentException dims =
        assertThrows(
            IllegalArgumentException.class,
            () -> Mmd.rbfSquared(TestPoints.line(0, 1), TestPoints.xy(0, 0, 1, 1)));
    assertTrue(dims.getMessage().contains("dimension"), dims.getMessage());
  }

  private static Points scaled(Points p, double factor) {
    double[] data = p.data().clone();
    for (int i = 0; i < data.length; i++) {
      data[i] *= factor;
    }
    return new Points(p.size(), p.dimension(), data);
  }
}
