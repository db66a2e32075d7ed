package dev.pocketdiffusion.likelihood;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.sampling.CleanEstimate;
import dev.pocketdiffusion.sampling.Denoiser;
import java.util.Random;

/**
 * The continuous-time variational bound of Kingma et al. 2021 (VDM) for an affine path with a
 * Gaussian base, from ε ({@link StartTime}) to 1: {@code −log p(x) ≤ R + P + L}, with
 *
 * <ul>
 *   <li>diffusion loss {@code L = ∫_ε^1 ½·(−SNR'(t))·E_z‖x − x̂0(a·x + b·z, t)‖² dt}, SNR = a²/b²,
 *       the same integral as {@code ½·∫ SNR·E_z‖x − x̂0‖² dλ} over λ = log SNR from λ(1) to λ(ε);
 *   <li>prior term {@code P = KL(N(a(1)·x, b(1)²I) ‖ N(0, b(1)²I)) = a(1)²‖x‖² / 2b(1)²}, the
 *       samplers' base;
 *   <li>reconstruction term {@code R = (D/2)·log(2πe·b(ε)²/a(ε)²)}, the expected −log of the
 *       decoder {@code p(x | x_ε) = N(x_ε/a(ε), (b(ε)/a(ε))²I)} under q(x_ε | x), exact.
 * </ul>
 *
 * <p>L is estimated per point from K draws. Draw k takes λ uniform in the k-th of K equal strata of
 * [λ(1), λ(ε)] (λ(1) floored at −30, which drops at most ½·e^{−30}·‖x − x̂0‖²) and one z ~ N(0, I),
 * used as the antithetic pair z, −z; the control variate {@code ½·σ(λ)²·‖z‖²} (σ the logistic
 * function, mean known in closed form) cancels most of the noise at high SNR, where {@code SNR·‖x −
 * x̂0‖² ≈ ‖z − x̂1‖²}. Together these cut the standard deviation 3–10× against independent draws of
 * λ (measured on Gaussian data: with K = 1000 the standard error of a point is 0.1–0.2 nats,
 * whether it lies at the mean or 4 s away). The standard error comes from successive differences of
 * the K draws (NaN for K = 1). One denoiser call of 2n rows per draw; a seed fixes the result. x̂0
 * is clamped to the denoiser's data range as in sampling; any x̂0 gives a valid bound. The bound is
 * on the model that decodes x_ε with the decoder above, so it too sees the data smoothed at ε, a
 * little more than the ODE's (for N(μ, 0.4²I) it lies within 0.01 nats of the exact log-density).
 */
public final class ElboLikelihood implements LikelihoodEstimator {
  /** Default number of draws K per point. */
  public static final int DEFAULT_SAMPLES = 1000;

  private static final double MIN_LOG_SNR = -30;

  private final Denoiser denoiser;
  private final int samples;
  private final long seed;
  private final double startTime;

  /**
   * The bound with {@code samples} draws per point from {@code seed}, starting at the default ε.
   */
  public ElboLikelihood(Denoiser denoiser, int samples, long seed) {
    this(denoiser, samples, seed, StartTime.of(denoiser.path()));
  }

  /**
   * The bound with {@code samples} (≥ 1) draws per point from {@code seed}, starting at {@code
   * startTime} in (0, 1).
   *
   * @throws IllegalArgumentException for a non-Gaussian base, which has no such bound
   */
  public ElboLikelihood(Denoiser denoiser, int samples, long seed, double startTime) {
    if (!denoiser.path().base().isGaussian()) {
      throw new IllegalArgumentException(
          "the elbo needs a Gaussian base, this model's is "
              + denoiser.path().base().cliName()
              + " (use the ode method)");
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + samples);
    }
    if (!(startTime > 0 && startTime < 1)) {
      throw new IllegalArgumentException("start time must be in (0, 1), got " + startTime);
    }
    this.denoiser = denoiser;
    this.samples = samples;
    this.seed = seed;
    this.startTime = startTime;
  }

  @Override
  public String method() {
    return "elbo";
  }

  @Override
  public LikelihoodResult estimate(Points points) {
    int dim = denoiser.dimension();
    if (points.dimension() != dim) {
      throw new IllegalArgumentException(
          "points have " + points.dimension() + " coordinates but the model has " + dim);
    }
    int n = points.size();
    double[] x = points.data();
    AffinePath path = denoiser.path();
    PathPoint start = path.at(startTime);
    PathPoint end = path.at(1.0);
    double high = start.logSnr();
    double low = Math.max(end.logSnr(), MIN_LOG_SNR);
    double width = high - low;
    double controlMean = 0.5 * dim * (squaredLogisticIntegral(high) - squaredLogisticIntegral(low));
    Random rng = new Random(seed);
    double[] sum = new double[n];
    double[] previous = new double[n];
    double[] differences = new double[n];
    double[] noisy = new double[2 * n * dim];
    double[] times = new double[2 * n];
    double[] out = new double[2 * n * dim];
    double[] noiseNorms = new double[n];
    PathPoint[] at = new PathPoint[n];
    OnePoint one = new OnePoint(dim);
    for (int k = 0; k < samples; k++) {
      for (int i = 0; i < n; i++) {
        double target = low + width * (k + rng.nextDouble()) / samples;
        at[i] = NoiseAngle.at(path, Math.atan(Math.exp(-0.5 * target)), startTime, 1.0);
        times[2 * i] = at[i].t;
        times[2 * i + 1] = at[i].t;
        noiseNorms[i] = 0;
        for (int j = 0; j < dim; j++) {
          double z = rng.nextGaussian();
          noiseNorms[i] += z * z;
          noisy[2 * i * dim + j] = at[i].a * x[i * dim + j] + at[i].b * z;
          noisy[(2 * i + 1) * dim + j] = at[i].a * x[i * dim + j] - at[i].b * z;
        }
      }
      denoiser.predict(noisy, times, 2 * n, out);
      for (int i = 0; i < n; i++) {
        double lambda = at[i].logSnr();
        double error =
            one.squaredError(noisy, out, 2 * i, at[i], x, i)
                + one.squaredError(noisy, out, 2 * i + 1, at[i], x, i);
        double logistic = 1 / (1 + Math.exp(-lambda));
        double draw =
            0.5 * width * (0.5 * Math.exp(lambda) * error - logistic * logistic * noiseNorms[i]);
        sum[i] += draw;
        if (k > 0) {
          differences[i] += (draw - previous[i]) * (draw - previous[i]);
        }
        previous[i] = draw;
      }
    }
    double reconstruction =
        0.5 * dim * (Math.log(2 * Math.PI * start.b * start.b / (start.a * start.a)) + 1);
    double[] logP = new double[n];
    double[] standardErrors = new double[n];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        norm += x[i * dim + j] * x[i * dim + j];
      }
      double prior = end.a * end.a * norm / (2 * end.b * end.b);
      logP[i] = -(reconstruction + prior + controlMean + sum[i] / samples);
      standardErrors[i] =
          samples > 1 ? Math.sqrt(differences[i] / (2.0 * samples * (samples - 1))) : Double.NaN;
    }
    return new LikelihoodResult(logP, standardErrors, samples);
  }

  /** An antiderivative of the squared logistic function: softplus(λ) + 1/(1 + e^λ). */
  private static double squaredLogisticIntegral(double lambda) {
    double softplus =
        lambda > 0 ? lambda + Math.log1p(Math.exp(-lambda)) : Math.log1p(Math.exp(lambda));
    return softplus + 1 / (1 + Math.exp(lambda));
  }

  /** Buffers for one row's x̂0, which {@link CleanEstimate} computes at that row's own time. */
  private final class OnePoint {
    private final double[] noisy;
    private final double[] output;
    private final double[] clean;
    private final double[] noise;

    OnePoint(int dim) {
      noisy = new double[dim];
      output = new double[dim];
      clean = new double[dim];
      noise = new double[dim];
    }

    /** ‖x_i − x̂0‖² for row {@code row} of the batch, at its path point {@code p}. */
    double squaredError(double[] batch, double[] out, int row, PathPoint p, double[] x, int i) {
      int dim = noisy.length;
      System.arraycopy(batch, row * dim, noisy, 0, dim);
      System.arraycopy(out, row * dim, output, 0, dim);
      CleanEstimate.split(
          denoiser.prediction(), denoiser.dataRange(), noisy, output, p, dim, clean, noise);
      double error = 0;
      for (int j = 0; j < dim; j++) {
        double d = x[i * dim + j] - clean[j];
        error += d * d;
      }
      return error;
    }
  }
}
