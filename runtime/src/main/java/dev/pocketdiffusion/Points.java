package dev.pocketdiffusion;

import java.util.Arrays;

/**
 * A set of {@code n} points in {@code dim} dimensions, stored row-major in one {@code double[]}
 * (point {@code i}, coordinate {@code j} at {@code data[i * dim + j]}).
 */
public final class Points {
  private final int size;
  private final int dimension;
  private final double[] data;

  /**
   * Wraps {@code data} (not copied).
   *
   * @throws IllegalArgumentException if the array length is not {@code size * dimension}
   */
  public Points(int size, int dimension, double[] data) {
    if (size < 0 || dimension <= 0 || data.length != (long) size * dimension) {
      throw new IllegalArgumentException(
          "points: expected " + size + " x " + dimension + " values, got " + data.length);
    }
    this.size = size;
    this.dimension = dimension;
    this.data = data;
  }

  /** A zero-filled set of points. */
  public static Points zeros(int size, int dimension) {
    return new Points(size, dimension, new double[size * dimension]);
  }

  /** The number of points. */
  public int size() {
    return size;
  }

  /** The number of coordinates per point. */
  public int dimension() {
    return dimension;
  }

  /** The backing row-major array (live, not a copy). */
  public double[] data() {
    return data;
  }

  /** Coordinate {@code j} of point {@code i}. */
  public double get(int i, int j) {
    return data[i * dimension + j];
  }

  /**
   * Squared Euclidean distance between point {@code i} of this set and point {@code k} of {@code
   * other}.
   */
  public double squaredDistance(int i, Points other, int k) {
    double sum = 0;
    int a = i * dimension;
    int b = k * other.dimension;
    for (int j = 0; j < dimension; j++) {
      double d = data[a + j] - other.data[b + j];
      sum += d * d;
    }
    return sum;
  }

  /** The first {@code count} points, copied. */
  public Points head(int count) {
    int m = Math.min(count, size);
    return new Points(m, dimension, Arrays.copyOf(data, m * dimension));
  }

  /** True if every coordinate is finite. */
  public boolean allFinite() {
    for (double v : data) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
