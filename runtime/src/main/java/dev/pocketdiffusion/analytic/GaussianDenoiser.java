package dev.pocketdiffusion.analytic;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DataMoments;
import dev.pocketdiffusion.sampling.Denoiser;

/**
 * The exact denoiser for Gaussian data N(μ, s²I) on a path with an N(0, I) base: since {@code x_t ~
 * N(a·μ, σ_t²I)} with {@code σ_t² = a²s² + b²}, the posterior means are linear in x_t: {@code x̂1 =
 * b·(x_t − a·μ)/σ_t²} and {@code x̂0 = μ + a·s²·(x_t − a·μ)/σ_t²} (well defined at a = 0), and the
 * velocity is {@code a'·x̂0 + b'·x̂1}. It returns whichever of the three the chosen {@link
 * Prediction} asks for. A sampler run with it must reproduce N(μ, s²I), which makes every sampler
 * testable without training anything.
 */
public final class GaussianDenoiser implements Denoiser {
  private final AffinePath path;
  private final double[] mean;
  private final double std;
  private final Prediction prediction;

  /** The optimal ε-predictor for data N(mean, std²I) on {@code path}. */
  public GaussianDenoiser(AffinePath path, double[] mean, double std) {
    this(path, mean, std, Prediction.EPSILON);
  }

  /**
   * The optimal predictor of {@code prediction} for data N(mean, std²I) on {@code path}.
   *
   * @throws IllegalArgumentException if std is not positive or the path's base is not Gaussian
   */
  public GaussianDenoiser(AffinePath path, double[] mean, double std, Prediction prediction) {
    if (!(std > 0)) {
      throw new IllegalArgumentException("std must be positive, got " + std);
    }
    if (!path.base().isGaussian()) {
      throw new IllegalArgumentException(
          "the Gaussian denoiser's formulas assume an N(0, I) base, got "
              + path.base().cliName()
              + "; use a path with the gaussian base");
    }
    this.path = path;
    this.mean = mean.clone();
    this.std = std;
    this.prediction = prediction;
  }

  @Override
  public AffinePath path() {
    return path;
  }

  @Override
  public Prediction prediction() {
    return prediction;
  }

  @Override
  public int dimension() {
    return mean.length;
  }

  /** N(mean, std²·I), the data this denoiser is optimal for. */
  @Override
  public DataMoments dataMoments() {
    double[] cov = new double[mean.length * mean.length];
    for (int j = 0; j < mean.length; j++) {
      cov[j * mean.length + j] = std * std;
    }
    return new DataMoments(mean, cov);
  }

  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    int dim = mean.length;
    PathPoint p = null;
    double dataWeight = 0;
    double noiseWeight = 0;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      if (p == null || p.t != t[i]) {
        p = path.at(t[i]);
        dataWeight = prediction.targetWeightOfData(p);
        noiseWeight = prediction.targetWeightOfNoise(p);
        variance = p.a * p.a * std * std + p.b * p.b;
      }
      for (int j = 0; j < dim; j++) {
        double residual = (x[i * dim + j] - p.a * mean[j]) / variance;
        double clean = mean[j] + p.a * std * std * residual;
        double noise = p.b * residual;
        out[i * dim + j] = dataWeight * clean + noiseWeight * noise;
      }
    }
  }
}
