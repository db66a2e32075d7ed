package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import java.util.Random;

/**
 * Draws samples: base draws from a seed, then a sampler run. The few lines most users need. The run
 * starts from {@code b(1)·x1} with x1 from the path's base: exact where a(1) = 0 (flow, cosine VP),
 * the usual approximation where a(1) is tiny (linear VP) or σ(1) dominates the data (VE).
 */
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
    denoiser.path().base().sample(x, n, dim, rng);
    double scale = denoiser.path().at(1.0).b;
    for (int i = 0; i < x.length; i++) {
      x[i] *= scale;
    }
    sampler.sample(denoiser, x, n, rng, listener);
    return new Points(n, dim, x);
  }

  /**
   * Checks what every sampler needs, with a one-line message naming the problem and the fix. Each
   * sampler calls it before its first model call.
   *
   * @throws IllegalArgumentException for ε-prediction on a path with a(1) = 0 (flow), where
   *     x̂0 = (x − b·ε̂)/a is undefined at the start, or for a stochastic sampler on a non-Gaussian base
   */
  public static void check(Sampler sampler, Denoiser denoiser) {
    AffinePath path = denoiser.path();
    if (denoiser.prediction() == Prediction.EPSILON && path.at(1.0).a == 0) {
      throw new IllegalArgumentException("epsilon prediction cannot be sampled on the " + path.process() + " path: "
          + "a(1) = 0 there, so x̂0 = (x − b·ε̂)/a is undefined at the start; train with --prediction velocity or x0");
    }
    if (sampler.isStochastic() && !path.base().isGaussian()) {
      throw new IllegalArgumentException("sampler '" + sampler.name() + "' adds Gaussian noise, which needs a gaussian "
          + "base, but the model's base is " + path.base().cliName()
          + "; use a deterministic sampler (ddim with --eta 0, euler, heun, midpoint, rk4, dpm++2m, adaptive)");
    }
  }
}
