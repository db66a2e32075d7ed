package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.Points;

/**
 * A box that clean predictions x̂0 are clamped to, like diffusers' {@code clip_sample}. Where the
 * path's signal coefficient a(t) is near 0 (the start of a cosine schedule), x̂0 = (x − b·x̂1)/a
 * multiplies any network error by 1/a; clamping keeps such a step from throwing points far away.
 */
public final class DataRange {
  private final double[] min;
  private final double[] max;

  /** A box with per-coordinate bounds {@code min[j] ≤ max[j]}. */
  public DataRange(double[] min, double[] max) {
    if (min.length != max.length) {
      throw new IllegalArgumentException("data range bounds differ in length");
    }
    for (int j = 0; j < min.length; j++) {
      if (!(min[j] <= max[j])) {
        throw new IllegalArgumentException(
            "data range needs min <= max, got " + min[j] + " > " + max[j]);
      }
    }
    this.min = min.clone();
    this.max = max.clone();
  }

  /** The bounding box of {@code points}, widened on each side by {@code margin} × its extent. */
  public static DataRange around(Points points, double margin) {
    int dim = points.dimension();
    double[] min = new double[dim];
    double[] max = new double[dim];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < points.size(); i++) {
      for (int j = 0; j < dim; j++) {
        min[j] = Math.min(min[j], points.get(i, j));
        max[j] = Math.max(max[j], points.get(i, j));
      }
    }
    for (int j = 0; j < dim; j++) {
      double pad = margin * (max[j] - min[j]);
      min[j] -= pad;
      max[j] += pad;
    }
    return new DataRange(min, max);
  }

  /** Coordinate {@code j} of a value clamped into the box. */
  public double clamp(double value, int j) {
    return Math.max(min[j], Math.min(max[j], value));
  }

  /** Lower bounds (a copy). */
  public double[] min() {
    return min.clone();
  }

  /** Upper bounds (a copy). */
  public double[] max() {
    return max.clone();
  }
}
