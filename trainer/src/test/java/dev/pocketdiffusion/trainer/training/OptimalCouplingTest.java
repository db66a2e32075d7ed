package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OptimalCouplingTest {
  @Test
  void matchesBruteForceOnSmallMatrices() {
    Random rng = new Random(1);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rng.nextInt(7);
      double[] cost = new double[n * n];
      for (int i = 0; i < cost.length; i++) {
        cost[i] = rng.nextInt(4) == 0 ? rng.nextInt(3) : rng.nextDouble() * 10 - 2; // ties too
      }
      int[] p = OptimalCoupling.assign(cost, n);
      assertPermutation(p);
      assertEquals(bruteForce(cost, n), total(cost, p, n), 1e-9, "trial " + trial);
    }
  }

  @Test
  void pairsShiftedPointsWithThemselves() {
    Random rng = new Random(2);
    int n = 64;
    double[] x = new double[n * 2];
    double[] y = new double[n * 2];
    int[] shuffle = new int[n];
    for (int i = 0; i < n; i++) {
      shuffle[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = shuffle[i];
      shuffle[i] = shuffle[j];
      shuffle[j] = t;
    }
    for (int i = 0; i < n; i++) {
      x[2 * i] = rng.nextGaussian() * 10;
      x[2 * i + 1] = rng.nextGaussian() * 10;
    }
    for (int i = 0; i < n; i++) {
      y[2 * shuffle[i]] = x[2 * i] + 0.01;
      y[2 * shuffle[i] + 1] = x[2 * i + 1] - 0.01;
    }
    int[] p = OptimalCoupling.assign(x, y, n, 2);
    for (int i = 0; i < n; i++) {
      assertEquals(shuffle[i], p[i]);
    }
  }

  @Test
  void aBatchOf256GaussianPairsHasNoImprovingSwap() {
    Random rng = new Random(3);
    int n = 256;
    double[] x = new double[n * 2];
    double[] y = new double[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
      y[i] = rng.nextGaussian() * 0.5 + (i % 2 == 0 ? 1 : 0);
    }
    int[] p = OptimalCoupling.assign(x, y, n, 2);
    assertPermutation(p);
    double identity = 0;
    double optimal = 0;
    for (int i = 0; i < n; i++) {
      identity += sq(x, i, y, i);
      optimal += sq(x, i, y, p[i]);
    }
    assertTrue(optimal < identity * 0.5, optimal + " vs " + identity);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double now = sq(x, i, y, p[i]) + sq(x, j, y, p[j]);
        double swapped = sq(x, i, y, p[j]) + sq(x, j, y, p[i]);
        assertTrue(swapped >= now - 1e-9, "swapping " + i + " and " + j + " improves");
      }
    }
  }

  private static double sq(double[] x, int i, double[] y, int j) {
    double a = x[2 * i] - y[2 * j];
    double b = x[2 * i + 1] - y[2 * j + 1];
    return a * a + b * b;
  }

  private static void assertPermutation(int[] p) {
    boolean[] seen = new boolean[p.length];
    for (int j : p) {
      assertTrue(!seen[j], "column " + j + " used twice");
      seen[j] = true;
    }
  }

  private static double total(double[] cost, int[] p, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += cost[i * n + p[i]];
    }
    return s;
  }

  private static double bruteForce(double[] cost, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return best(cost, n, p, 0);
  }

  private static double best(double[] cost, int n, int[] p, int k) {
    if (k == n) {
      return total(cost, p, n);
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = k; i < n; i++) {
      int t = p[k];
      p[k] = p[i];
      p[i] = t;
      best = Math.min(best, best(cost, n, p, k + 1));
      p[i] = p[k];
      p[k] = t;
    }
    return best;
  }
}
