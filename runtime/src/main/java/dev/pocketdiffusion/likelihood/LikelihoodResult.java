package dev.pocketdiffusion.likelihood;

/**
 * Per-point log-likelihoods (nats) from one estimator run, with the Monte Carlo standard error of
 * each (0 for a deterministic method) and the number of denoiser calls the run made.
 */
public final class LikelihoodResult {
  private final double[] logP;
  private final double[] standardErrors;
  private final long modelCalls;

  /** A result; the arrays are copied and must have one entry per point. */
  public LikelihoodResult(double[] logP, double[] standardErrors, long modelCalls) {
    if (logP.length != standardErrors.length) {
      throw new IllegalArgumentException(
          "likelihood result: "
              + logP.length
              + " values but "
              + standardErrors.length
              + " standard errors");
    }
    this.logP = logP.clone();
    this.standardErrors = standardErrors.clone();
    this.modelCalls = modelCalls;
  }

  /** The number of points. */
  public int size() {
    return logP.length;
  }

  /** log p of point {@code i}. */
  public double logP(int i) {
    return logP[i];
  }

  /** The Monte Carlo standard error of {@link #logP(int) logP(i)}. */
  public double standardError(int i) {
    return standardErrors[i];
  }

  /** The mean of log p over the points (the average log-likelihood). */
  public double mean() {
    double sum = 0;
    for (double v : logP) {
      sum += v;
    }
    return sum / logP.length;
  }

  /** The Monte Carlo standard error of {@link #mean()}: √(Σ se_i²) / n. */
  public double meanStandardError() {
    double sum = 0;
    for (double se : standardErrors) {
      sum += se * se;
    }
    return Math.sqrt(sum) / standardErrors.length;
  }

  /** Denoiser calls the run made (each on a batch). */
  public long modelCalls() {
    return modelCalls;
  }
}
