package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;

/** Energy distance (Székely and Rizzo) between two point sets under the Euclidean norm. */
public final class EnergyDistance {
  private EnergyDistance() {}

  /**
   * {@code 2·E|X − Y| − E|X − X'| − E|Y − Y'|} as a V-statistic: every expectation is the plain
   * mean over all pairs, self-pairs (distance 0) included. The result is never negative; for two
   * samples of one distribution it is biased upwards by O(1/n).
   *
   * @throws IllegalArgumentException if a set is empty or holds non-finite coordinates, or the
   *     dimensions differ
   */
  public static double of(Points a, Points b) {
    Inputs.requireComparable(a, "first", b, "second");
    return 2 * crossMean(a, b) - withinMean(a) - withinMean(b);
  }

  /** Mean distance over all n² ordered pairs of {@code p}, including the zero self-pairs. */
  private static double withinMean(Points p) {
    int n = p.size();
    double sum = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        sum += Math.sqrt(p.squaredDistance(i, p, j));
      }
    }
    return 2 * sum / ((double) n * n);
  }

  /** Mean distance over all pairs with one point from each set. */
  private static double crossMean(Points a, Points b) {
    int n = a.size();
    int m = b.size();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        sum += Math.sqrt(a.squaredDistance(i, b, j));
      }
    }
    return sum / ((double) n * m);
  }
}
