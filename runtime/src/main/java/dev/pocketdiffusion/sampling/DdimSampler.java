package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import java.util.Arrays;
import java.util.Random;

/**
 * DDIM (Song et al. 2021) on any affine path with a Gaussian base: from (x0̂, x̂1) at time t it
 * jumps to {@code x_s = a_s·x0̂ + √(b_s² − σ²)·x̂1 + σ·z} with {@code σ = η·b_s·√(1 − (a_t·b_s /
 * (a_s·b_t))²)}, the DDPM posterior standard deviation scaled by η. η = 0 is deterministic DDIM; η
 * = 1 is exactly DDPM's ancestral step with the posterior variance ("fixed_small"), so {@code ddpm}
 * is this sampler with η = 1. When the denoiser has a {@link DataRange}, x0̂ is clamped to it and
 * x̂1 re-derived from the clamped x0̂.
 */
public final class DdimSampler extends FixedStepSampler {
  private final double eta;

  /** A DDIM sampler; η in [0, 1] sets how much fresh noise each step adds. */
  public DdimSampler(int steps, double eta, TimestepSpacing spacing) {
    this("ddim", steps, eta, spacing);
  }

  private DdimSampler(String name, int steps, double eta, TimestepSpacing spacing) {
    super(name, steps, spacing);
    if (!(eta >= 0 && eta <= 1)) {
      throw new IllegalArgumentException("--eta must be in [0, 1], got " + eta);
    }
    this.eta = eta;
  }

  /**
   * Euler ancestral (k-diffusion's {@code sample_euler_ancestral}, η = 1) on any path: in σ = b/a
   * its step to σ_s is {@code x/a ← x̂0 + σ_down·x̂1 + σ_up·z} with {@code σ_up² = σ_s²·(σ_t² −
   * σ_s²)/σ_t²} and {@code σ_down² = σ_s² − σ_up²}, which is exactly DDIM's step with η = 1.
   */
  public static DdimSampler eulerAncestral(int steps, TimestepSpacing spacing) {
    return new DdimSampler("euler-a", steps, 1.0, spacing);
  }

  /** DDPM ancestral sampling (Ho et al. 2020) with {@code steps} of the model's timesteps. */
  public static DdimSampler ddpm(int steps, TimestepSpacing spacing) {
    return new DdimSampler("ddpm", steps, 1.0, spacing);
  }

  /**
   * One deterministic DDIM step (η = 0, the step {@link #sample} takes) for rows that each have
   * their own times: row i of {@code x} (n × dimension) moves from {@code from[i]} to {@code
   * to[i]}, in place, with one {@link Denoiser#predict} call for all rows. x̂0 is clamped to the
   * denoiser's {@link DataRange} as in {@link #sample}.
   */
  public static void step(Denoiser denoiser, double[] x, double[] from, double[] to, int n) {
    int dim = denoiser.dimension();
    double[] out = new double[n * dim];
    denoiser.predict(x, from, n, out);
    AffinePath path = denoiser.path();
    double[] row = new double[dim];
    double[] rowOut = new double[dim];
    double[] x0 = new double[dim];
    double[] x1 = new double[dim];
    for (int i = 0; i < n; i++) {
      PathPoint now = path.at(from[i]);
      PathPoint next = path.at(to[i]);
      System.arraycopy(x, i * dim, row, 0, dim);
      System.arraycopy(out, i * dim, rowOut, 0, dim);
      CleanEstimate.split(
          denoiser.prediction(), denoiser.dataRange(), row, rowOut, now, dim, x0, x1);
      for (int j = 0; j < dim; j++) {
        x[i * dim + j] = land(next, next.b, x0[j], x1[j]);
      }
    }
  }

  /**
   * The clean estimate x̂0 with which one deterministic DDIM step from {@code from} at {@code now}
   * lands exactly on {@code to} at {@code next} (the inverse of {@link #step} in x̂0; progressive
   * distillation's target, Salimans & Ho 2022, eq. 8): x̂1 = (from − a_t·x̂0)/b_t and {@code to =
   * a_s·x̂0 + b_s·x̂1}, solved for x̂0. {@code next} must be less noisy than {@code now}.
   */
  public static double cleanLandingOn(double from, double to, PathPoint now, PathPoint next) {
    double ratio = next.b / now.b;
    return (to - ratio * from) / (next.a - ratio * now.a);
  }

  /** Where a step lands: a_s·x̂0 + (noise scale)·x̂1, before any fresh noise. */
  private static double land(PathPoint next, double noiseScale, double x0, double x1) {
    return next.a * x0 + noiseScale * x1;
  }

  @Override
  public int modelCalls() {
    return steps;
  }

  @Override
  public boolean isStochastic() {
    return eta > 0;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException also for {@code ddpm} on a model that is not {@code vp}
   */
  @Override
  public void sample(Denoiser denoiser, double[] x, int n, Random rng, StepListener listener) {
    AffinePath path = denoiser.path();
    if (name.equals("ddpm") && path.process() != NoiseProcess.VP) {
      throw new IllegalArgumentException(
          "ddpm is defined for vp models, but this model is "
              + path.process()
              + "; use ddim --eta 1 (the same ancestral step on any path) or euler-maruyama");
    }
    Sampling.check(this, denoiser);
    Prediction prediction = denoiser.prediction();
    int dim = denoiser.dimension();
    DataRange range = denoiser.dataRange();
    double[] times = grid(path);
    double[] tBatch = new double[n];
    double[] out = new double[n * dim];
    double[] x0 = new double[n * dim];
    double[] x1 = new double[n * dim];
    listener.onStep(0, times[0], x, n, dim);
    for (int i = 0; i < steps; i++) {
      PathPoint now = path.at(times[i]);
      PathPoint next = path.at(times[i + 1]);
      Arrays.fill(tBatch, now.t);
      denoiser.predict(x, tBatch, n, out);
      double ratio = (now.a * next.b) / (next.a * now.b);
      double sigma = eta * next.b * Math.sqrt(Math.max(0, 1 - ratio * ratio));
      double noiseScale = Math.sqrt(Math.max(0, next.b * next.b - sigma * sigma));
      CleanEstimate.split(prediction, range, x, out, now, dim, x0, x1);
      for (int j = 0; j < x.length; j++) {
        x[j] = land(next, noiseScale, x0[j], x1[j]) + (sigma > 0 ? sigma * rng.nextGaussian() : 0);
      }
      listener.onStep(i + 1, next.t, x, n, dim);
    }
  }
}
