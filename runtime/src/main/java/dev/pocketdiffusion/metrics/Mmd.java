package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;
import java.util.Arrays;

/**
 * Squared Maximum Mean Discrepancy (Gretton et al. 2012) with the Gaussian (RBF) kernel {@code k(x,
 * y) = exp(-|x - y|² / (2h²))} and the bandwidth chosen by the median heuristic.
 */
public final class Mmd {
  /** Most points taken from each set when estimating the median-heuristic bandwidth. */
  static final int BANDWIDTH_SAMPLE = 1000;

  private Mmd() {}

  /**
   * The unbiased estimate of MMD² between {@code real} and {@code generated}: the within-set kernel
   * means skip the diagonal and divide by {@code n(n − 1)}. It is not clipped, so it can be
   * slightly negative when both sets come from the same distribution.
   *
   * @throws IllegalArgumentException if a set has fewer than two points or holds non-finite
   *     coordinates, or the dimensions differ
   */
  public static double rbfSquared(Points real, Points generated) {
    Inputs.requireComparable(real, "real", generated, "generated");
    Inputs.requireAtLeast(real, 2, "real", "the unbiased MMD");
    Inputs.requireAtLeast(generated, 2, "generated", "the unbiased MMD");
    double gamma = -0.5 / medianHeuristicBandwidthSquared(real, generated);
    return withinMean(real, gamma)
        + withinMean(generated, gamma)
        - 2 * crossMean(real, generated, gamma);
  }

  /**
   * The median heuristic h²: the median of all pairwise squared distances within the pooled set of
   * at most {@value #BANDWIDTH_SAMPLE} evenly strided points from each of {@code a} and {@code b}.
   * Falls back to 1 when that median is 0 (more than half of the pairs coincide).
   *
   * @throws IllegalArgumentException if a set is empty or holds non-finite coordinates, or the
   *     dimensions differ
   */
  public static double medianHeuristicBandwidthSquared(Points a, Points b) {
    Inputs.requireComparable(a, "first", b, "second");
    Points pooled = concat(strided(a, BANDWIDTH_SAMPLE), strided(b, BANDWIDTH_SAMPLE));
    int n = pooled.size();
    double[] distances = new double[n * (n - 1) / 2];
    int next = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        distances[next++] = pooled.squaredDistance(i, pooled, j);
      }
    }
    Arrays.sort(distances);
    int mid = distances.length / 2;
    double median =
        distances.length % 2 == 1 ? distances[mid] : 0.5 * (distances[mid - 1] + distances[mid]);
    return median > 0 ? median : 1.0;
  }

  /** Mean kernel value over ordered pairs of distinct points of {@code p}. */
  private static double withinMean(Points p, double gamma) {
    int n = p.size();
    double sum = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        sum += Math.exp(gamma * p.squaredDistance(i, p, j));
      }
    }
    return 2 * sum / ((double) n * (n - 1));
  }

  /** Mean kernel value over all pairs with one point from each set. */
  private static double crossMean(Points a, Points b, double gamma) {
    int n = a.size();
    int m = b.size();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        sum += Math.exp(gamma * a.squaredDistance(i, b, j));
      }
    }
    return sum / ((double) n * m);
  }

  /** At most {@code max} points of {@code p}, evenly strided from the first one (copied). */
  private static Points strided(Points p, int max) {
    int n = p.size();
    if (n <= max) {
      return p;
    }
    int dim = p.dimension();
    double[] data = new double[max * dim];
    for (int i = 0; i < max; i++) {
      System.arraycopy(p.data(), (int) ((long) i * n / max) * dim, data, i * dim, dim);
    }
    return new Points(max, dim, data);
  }

  private static Points concat(Points a, Points b) {
    int dim = a.dimension();
    double[] data = Arrays.copyOf(a.data(), (a.size() + b.size()) * dim);
    System.arraycopy(b.data(), 0, data, a.size() * dim, b.size() * dim);
    return new Points(a.size() + b.size(), dim, data);
  }
}
