package dev.pocketdiffusion.likelihood;

import dev.pocketdiffusion.paths.BaseDistribution;

/**
 * The log-density at t = 1 of the sampler's start {@code b(1)·x1}, x1 drawn from the path's base:
 * N(0, b(1)²I) for the Gaussian, uniform densities (−∞ outside their support) for the annulus and
 * the square. It stands for p_1, the law of {@code a(1)·x0 + b(1)·x1}, exactly where a(1) = 0
 * (flow, cosine VP) and up to the samplers' own approximation a(1)·x0 ≈ 0 otherwise (linear VP:
 * a(1) ≈ 0.006; VE: σ(1) must dominate the data).
 */
final class BaseDensity {
  private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

  private BaseDensity() {}

  /**
   * log p_1 of the {@code dim} coordinates of {@code y} starting at {@code offset}, base scaled by
   * {@code scale}.
   */
  static double log(BaseDistribution base, double scale, double[] y, int offset, int dim) {
    double squares = 0;
    double largest = 0;
    for (int j = 0; j < dim; j++) {
      double v = y[offset + j] / scale;
      squares += v * v;
      largest = Math.max(largest, Math.abs(v));
    }
    double logScale = dim * Math.log(scale);
    switch (base) {
      case GAUSSIAN:
        return -0.5 * (dim * LOG_TWO_PI + squares) - logScale;
      case ANNULUS:
        return squares >= 1 && squares <= 4
            ? -Math.log(3 * Math.PI) - logScale
            : Double.NEGATIVE_INFINITY;
      default:
        return largest <= 1 ? -dim * Math.log(2) - logScale : Double.NEGATIVE_INFINITY;
    }
  }
}
