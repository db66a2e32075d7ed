package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.Points;
import java.util.Random;

/** Draws samples: base noise from a seed, then a sampler run. The few lines most users need. */
public final class Sampling {
  private Sampling() {}

  /** {@code n} samples from {@code denoiser} with {@code sampler}, reproducible from {@code seed}. */
  public static Points generate(Denoiser denoiser, Sampler sampler, int n, long seed) {
    return generate(denoiser, sampler, n, seed, StepListener.NONE);
  }

  /** As {@link #generate(Denoiser, Sampler, int, long)}, reporting every step to {@code listener}. */
  public static Points generate(Denoiser denoiser, Sampler sampler, int n, long seed, StepListener listener) {
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be at least 1, got " + n);
    }
    Random rng = new Random(seed);
    int dim = denoiser.dimension();
    double[] x = new double[n * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    sampler.sample(denoiser, x, n, rng, listener);
    return new Points(n, dim, x);
  }
}
