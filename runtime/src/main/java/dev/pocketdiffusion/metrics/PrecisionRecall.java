package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;
import java.util.Arrays;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019): each point owns a ball whose radius is
 * the distance to its k-th nearest neighbour within its own set (itself excluded), and a point is
 * covered by a set when it lies inside (distance ≤ radius) at least one of that set's balls.
 */
public final class PrecisionRecall {
  private final double precision;
  private final double recall;

  private PrecisionRecall(double precision, double recall) {
    this.precision = precision;
    this.recall = recall;
  }

  /**
   * Precision (share of generated points covered by the real balls) and recall (share of real
   * points covered by the generated balls) with k-nearest-neighbour radii.
   *
   * @throws IllegalArgumentException if {@code k < 1}, a set has at most {@code k} points or holds
   *     non-finite coordinates, or the dimensions differ
   */
  public static PrecisionRecall knn(Points real, Points generated, int k) {
    return against(real, k).score(generated);
  }

  /**
   * The real side of {@link #knn}, computed once: the real points and their k-th-neighbour radii,
   * to score many generated sets against the same real one (each score then costs half as much).
   *
   * @throws IllegalArgumentException if {@code k < 1}, {@code real} has at most {@code k} points or
   *     holds non-finite coordinates
   */
  public static Reference against(Points real, int k) {
    Inputs.requireUsable(real, "real");
    if (k < 1) {
      throw new IllegalArgumentException("k for precision/recall must be at least 1, got " + k);
    }
    Inputs.requireAtLeast(real, k + 1, "real", purpose(k));
    return new Reference(real, k, kthNeighbourSquaredDistances(real, k));
  }

  /** A real point set with its k-th-neighbour radii (see {@link #against}). */
  public static final class Reference {
    private final Points real;
    private final int k;
    private final double[] radii;

    private Reference(Points real, int k, double[] radii) {
      this.real = real;
      this.k = k;
      this.radii = radii;
    }

    /**
     * Precision and recall of {@code generated} against the real points, as {@link #knn}.
     *
     * @throws IllegalArgumentException if {@code generated} has at most k points or holds
     *     non-finite coordinates, or the dimensions differ
     */
    public PrecisionRecall score(Points generated) {
      Inputs.requireComparable(real, "real", generated, "generated");
      Inputs.requireAtLeast(generated, k + 1, "generated", purpose(k));
      double precision = coveredShare(generated, real, radii);
      double recall = coveredShare(real, generated, kthNeighbourSquaredDistances(generated, k));
      return new PrecisionRecall(precision, recall);
    }
  }

  private static String purpose(int k) {
    return "precision/recall with k = " + k;
  }

  /** Share of generated points inside at least one real point's ball, in [0, 1]. */
  public double precision() {
    return precision;
  }

  /** Share of real points inside at least one generated point's ball, in [0, 1]. */
  public double recall() {
    return recall;
  }

  /** For each point, the squared distance to its k-th nearest other point of the same set. */
  static double[] kthNeighbourSquaredDistances(Points p, int k) {
    int n = p.size();
    double[] radii = new double[n];
    double[] nearest = new double[k];
    for (int i = 0; i < n; i++) {
      Arrays.fill(nearest, Double.POSITIVE_INFINITY);
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double d = p.squaredDistance(i, p, j);
        if (d < nearest[k - 1]) {
          int pos = k - 1;
          while (pos > 0 && nearest[pos - 1] > d) {
            nearest[pos] = nearest[pos - 1];
            pos--;
          }
          nearest[pos] = d;
        }
      }
      radii[i] = nearest[k - 1];
    }
    return radii;
  }

  /** Share of {@code queries} within the ball of at least one of {@code centres}. */
  private static double coveredShare(Points queries, Points centres, double[] squaredRadii) {
    int covered = 0;
    for (int q = 0; q < queries.size(); q++) {
      for (int c = 0; c < centres.size(); c++) {
        if (queries.squaredDistance(q, centres, c) <= squaredRadii[c]) {
          covered++;
          break;
        }
      }
    }
    return covered / (double) queries.size();
  }
}
