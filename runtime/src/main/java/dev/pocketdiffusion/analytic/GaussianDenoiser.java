package dev.pocketdiffusion.analytic;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.Denoiser;

/**
 * The exact denoiser for Gaussian data N(μ, s²I) on a path with an N(0, I) base: since
 * {@code x_t ~ N(a·μ, (a²s² + b²)I)}, the posterior mean of the noise is
 * {@code E[x1 | x_t] = b·(x_t − a·μ) / (a²s² + b²)}, linear in x_t. A sampler run with it must
 * reproduce N(μ, s²I), which makes every sampler testable without training anything.
 */
public final class GaussianDenoiser implements Denoiser {
  private final AffinePath path;
  private final double[] mean;
  private final double std;

  /** The optimal ε-predictor for data N(mean, std²I) on {@code path}. */
  public GaussianDenoiser(AffinePath path, double[] mean, double std) {
    if (!(std > 0)) {
      throw new IllegalArgumentException("std must be positive, got " + std);
    }
    this.path = path;
    this.mean = mean.clone();
    this.std = std;
  }

  @Override
  public AffinePath path() {
    return path;
  }

  @Override
  public Prediction prediction() {
    return Prediction.EPSILON;
  }

  @Override
  public int dimension() {
    return mean.length;
  }

  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    int dim = mean.length;
    PathPoint p = null;
    for (int i = 0; i < n; i++) {
      if (p == null || p.t != t[i]) {
        p = path.at(t[i]);
      }
      double variance = p.a * p.a * std * std + p.b * p.b;
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] = p.b * (x[i * dim + j] - p.a * mean[j]) / variance;
      }
    }
  }
}
