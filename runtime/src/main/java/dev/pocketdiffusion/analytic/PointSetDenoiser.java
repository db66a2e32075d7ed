package dev.pocketdiffusion.analytic;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DataMoments;
import dev.pocketdiffusion.sampling.Denoiser;

/**
 * The exact denoiser for data that is a uniform mixture of finitely many points c_k (the
 * Step-by-Step Diffusion experiments, experiments 1–2): given x_t, the posterior over the points is
 * {@code w_k ∝ exp(−‖x_t − a·c_k‖² / (2b²))} and the optimal clean prediction is the
 * softmax-weighted mean {@code Σ w_k·c_k}. Predicts x0; needs a Gaussian base.
 */
public final class PointSetDenoiser implements Denoiser {
  private final AffinePath path;
  private final Points centres;

  /** The optimal x0-predictor for the uniform mixture of {@code centres} on {@code path}. */
  public PointSetDenoiser(AffinePath path, Points centres) {
    if (!path.base().isGaussian()) {
      throw new IllegalArgumentException(
          "the point-set denoiser needs a Gaussian base, got " + path.base().cliName());
    }
    if (centres.size() < 1) {
      throw new IllegalArgumentException("the point-set denoiser needs at least one point");
    }
    this.path = path;
    this.centres = centres;
  }

  @Override
  public AffinePath path() {
    return path;
  }

  @Override
  public Prediction prediction() {
    return Prediction.X0;
  }

  @Override
  public int dimension() {
    return centres.dimension();
  }

  /** The moments of the points. */
  @Override
  public DataMoments dataMoments() {
    return DataMoments.of(centres);
  }

  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    int dim = centres.dimension();
    int k = centres.size();
    double[] logits = new double[k];
    PathPoint p = null;
    for (int i = 0; i < n; i++) {
      if (p == null || p.t != t[i]) {
        p = path.at(t[i]);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double d2 = 0;
        for (int j = 0; j < dim; j++) {
          double d = x[i * dim + j] - p.a * centres.get(c, j);
          d2 += d * d;
        }
        logits[c] = -d2 / (2 * p.b * p.b);
        max = Math.max(max, logits[c]);
      }
      double total = 0;
      for (int c = 0; c < k; c++) {
        logits[c] = Math.exp(logits[c] - max);
        total += logits[c];
      }
      for (int j = 0; j < dim; j++) {
        double mean = 0;
        for (int c = 0; c < k; c++) {
          mean += logits[c] * centres.get(c, j);
        }
        out[i * dim + j] = mean / total;
      }
    }
  }
}
