package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.Points;
import java.util.Random;

/**
 * The mean and covariance of a model's training data. A ve model starts sampling from {@code
 * N(mean, cov + σ(1)²·I)}, the law of {@code x0 + σ(1)·x1} when the data is Gaussian, instead of
 * σ(1)·N(0, I), which ignores the data where σ(1) is not much larger than it.
 */
public final class DataMoments {
  private final double[] mean;
  private final double[] covariance;

  /**
   * Moments of {@code mean.length} coordinates; {@code covariance} is row-major, symmetric and
   * positive semi-definite.
   *
   * @throws IllegalArgumentException if the sizes disagree or a value is not finite
   */
  public DataMoments(double[] mean, double[] covariance) {
    int dim = mean.length;
    if (dim < 1 || covariance.length != dim * dim) {
      throw new IllegalArgumentException(
          "data_covariance must have "
              + dim * dim
              + " values for a data_mean of "
              + dim
              + ", got "
              + covariance.length);
    }
    for (double v : mean) {
      requireFinite(v);
    }
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        requireFinite(covariance[i * dim + j]);
        if (covariance[i * dim + j] != covariance[j * dim + i] || covariance[i * dim + i] < 0) {
          throw new IllegalArgumentException(
              "data_covariance must be symmetric with a non-negative diagonal");
        }
      }
    }
    this.mean = mean.clone();
    this.covariance = covariance.clone();
  }

  private static void requireFinite(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("data_mean and data_covariance must be finite, got " + v);
    }
  }

  /** The sample mean and (population) covariance of {@code points}. */
  public static DataMoments of(Points points) {
    int n = points.size();
    int dim = points.dimension();
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        mean[j] += points.get(i, j) / n;
      }
    }
    double[] cov = new double[dim * dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        for (int k = 0; k <= j; k++) {
          cov[j * dim + k] += (points.get(i, j) - mean[j]) * (points.get(i, k) - mean[k]) / n;
        }
      }
    }
    for (int j = 0; j < dim; j++) {
      for (int k = 0; k < j; k++) {
        cov[k * dim + j] = cov[j * dim + k];
      }
    }
    return new DataMoments(mean, cov);
  }

  /** The mean (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** The covariance, row-major (a copy). */
  public double[] covariance() {
    return covariance.clone();
  }

  /**
   * Fills {@code out} with {@code n} draws of N(mean, cov + σ²·I): mean + L·z with L the Cholesky
   * factor of cov + σ²·I, z from {@code rng}.
   */
  public void sampleWithNoise(double sigma, double[] out, int n, Random rng) {
    int dim = mean.length;
    double[] z = new double[n * dim];
    for (int i = 0; i < z.length; i++) {
      z[i] = rng.nextGaussian();
    }
    mapStandardNormal(sigma, z, out, n);
  }

  /**
   * Maps {@code n} standard-normal draws {@code z} to draws of N(mean, cov + σ²·I): {@code out =
   * mean + L·z} row by row, with L = {@link #noisyFactor}(σ). {@code out} may be {@code z}.
   */
  public void mapStandardNormal(double sigma, double[] z, double[] out, int n) {
    int dim = mean.length;
    double[] factor = noisyFactor(sigma);
    double[] row = new double[dim];
    for (int p = 0; p < n; p++) {
      System.arraycopy(z, p * dim, row, 0, dim);
      for (int i = 0; i < dim; i++) {
        double value = mean[i];
        for (int k = 0; k <= i; k++) {
          value += factor[i * dim + k] * row[k];
        }
        out[p * dim + i] = value;
      }
    }
  }

  /** The lower-triangular Cholesky factor L of cov + σ²·I, row-major. */
  public double[] noisyFactor(double sigma) {
    int dim = mean.length;
    double[] factor = new double[dim * dim];
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = covariance[i * dim + j] + (i == j ? sigma * sigma : 0);
        for (int k = 0; k < j; k++) {
          sum -= factor[i * dim + k] * factor[j * dim + k];
        }
        factor[i * dim + j] = i == j ? Math.sqrt(Math.max(sum, 0)) : sum / factor[j * dim + j];
      }
    }
    return factor;
  }
}
