package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.NonFiniteOutputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.NoiseProcess;
import java.io.IOException;
import java.util.Random;

/**
 * Draws samples: base draws from a seed, then a sampler run. The few lines most users need. The run
 * starts from {@code b(1)·x1} with x1 from the path's base: exact where a(1) = 0 (flow, cosine VP),
 * the usual approximation where a(1) is tiny (linear VP). A ve model whose denoiser knows its
 * data's {@link DataMoments} starts from N(mean, cov + σ(1)²·I) instead, the exact law of x at t =
 * 1 for Gaussian data and its Gaussian approximation otherwise; without them (older cards) from
 * σ(1)·N(0, I), which is right only where σ(1) dominates the data.
 */
public final class Sampling {
  private Sampling() {}

  /** Receives each batch of {@link #generateInBatches}, in order. */
  public interface BatchSink {
    /** Takes the next batch of samples. */
    void accept(Points batch) throws IOException;
  }

  /**
   * Draws {@code n} samples in batches of at most {@code batchSize} and hands each batch to {@code
   * sink} as soon as it is done, so memory is bounded by one batch whatever {@code n} is. Batch k
   * is {@code generate(denoiser, sampler, size, batchSeed(seed, k), listener)}: with {@code n ≤
   * batchSize} the result is exactly {@code generate(denoiser, sampler, n, seed)}.
   */
  public static void generateInBatches(
      Denoiser denoiser,
      Sampler sampler,
      int n,
      int batchSize,
      long seed,
      StepListener listener,
      BatchSink sink)
      throws IOException {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be at least 1, got " + n);
    }
    for (int k = 0, done = 0; done < n; k++) {
      int size = Math.min(batchSize, n - done);
      sink.accept(generate(denoiser, sampler, size, batchSeed(seed, k), listener));
      done += size;
    }
  }

  /**
   * The seed of batch {@code k}: {@code seed} itself for the first, a SplitMix64 mix of (seed, k)
   * after.
   */
  public static long batchSeed(long seed, int k) {
    if (k == 0) {
      return seed;
    }
    long z = seed + k * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * {@code n} samples from {@code denoiser} with {@code sampler}, reproducible from {@code seed}.
   */
  public static Points generate(Denoiser denoiser, Sampler sampler, int n, long seed) {
    return generate(denoiser, sampler, n, seed, StepListener.NONE);
  }

  /**
   * As {@link #generate(Denoiser, Sampler, int, long)}, reporting every step to {@code listener}.
   *
   * @throws NonFiniteOutputException if the model outputs NaN or an infinity, naming the step
   */
  public static Points generate(
      Denoiser denoiser, Sampler sampler, int n, long seed, StepListener listener) {
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be at least 1, got " + n);
    }
    Random rng = new Random(seed);
    double[] x = drawStart(denoiser, n, rng);
    return run(
        denoiser,
        sampler,
        new Points(n, denoiser.dimension(), toStart(denoiser, x, n)),
        rng,
        listener);
  }

  /**
   * {@code start.size()} samples from the given starting draw: {@code start} holds draws x1 of the
   * path's base (standard-normal numbers for a Gaussian base and for every ve model with {@link
   * DataMoments}), mapped to the path's start as {@link #generate(Denoiser, Sampler, int, long)}
   * maps its own draws, so {@code generate(d, s, n, seed)} equals this method on the draws {@link
   * #drawStart} makes from {@code new Random(seed)}. A stochastic sampler draws its noise from
   * {@code new Random(seed)}.
   *
   * @throws IllegalArgumentException if the draw's dimension is not the model's
   */
  public static Points generate(
      Denoiser denoiser, Sampler sampler, Points start, long seed, StepListener listener) {
    if (start.dimension() != denoiser.dimension()) {
      throw new IllegalArgumentException(
          "the starting draw has "
              + start.dimension()
              + " coordinates per point but the model has "
              + denoiser.dimension());
    }
    if (start.size() < 1) {
      throw new IllegalArgumentException("the starting draw has no points");
    }
    int n = start.size();
    double[] x = toStart(denoiser, start.data().clone(), n);
    return run(
        denoiser, sampler, new Points(n, denoiser.dimension(), x), new Random(seed), listener);
  }

  /**
   * Draws {@code n} starting draws as {@link #generate(Denoiser, Sampler, int, long)} does: from
   * the path's base, or standard-normal numbers for a ve model with {@link DataMoments}.
   */
  public static double[] drawStart(Denoiser denoiser, int n, Random rng) {
    int dim = denoiser.dimension();
    double[] x = new double[n * dim];
    if (startsFromMoments(denoiser)) {
      for (int i = 0; i < x.length; i++) {
        x[i] = rng.nextGaussian();
      }
    } else {
      denoiser.path().base().sample(x, n, dim, rng);
    }
    return x;
  }

  /**
   * Maps starting draws to the path's start in place and returns them: {@code b(1)·x1}, or {@code
   * mean + chol(cov + σ(1)²·I)·z} for a ve model with {@link DataMoments}.
   */
  public static double[] toStart(Denoiser denoiser, double[] draws, int n) {
    double scale = denoiser.path().at(1.0).b;
    if (startsFromMoments(denoiser)) {
      denoiser.dataMoments().mapStandardNormal(scale, draws, draws, n);
    } else {
      for (int i = 0; i < draws.length; i++) {
        draws[i] *= scale;
      }
    }
    return draws;
  }

  /** True if the model starts from its data's moments (a ve model whose card has them). */
  public static boolean startsFromMoments(Denoiser denoiser) {
    return denoiser.dataMoments() != null && denoiser.path().process() == NoiseProcess.VE;
  }

  private static Points run(
      Denoiser denoiser, Sampler sampler, Points start, Random rng, StepListener listener) {
    int n = start.size();
    int dim = start.dimension();
    double[] x = start.data();
    int[] done = {0};
    StepListener tracked =
        (step, t, state, size, dimension) -> {
          done[0] = step;
          listener.onStep(step, t, state, size, dimension);
        };
    try {
      sampler.sample(denoiser, x, n, rng, tracked);
    } catch (NonFiniteOutputException e) {
      throw e.with("during sampler step " + (done[0] + 1) + steps(sampler));
    }
    return new Points(n, dim, x);
  }

  /**
   * The samples a deterministic {@code sampler} reaches from the given base draws x1 (one row each,
   * drawn from the path's base), started at {@code b(1)·x1} as {@link #generate} starts them: the
   * model's ODE map x1 ↦ x, whose pairs a reflow or distilled student learns.
   *
   * @throws IllegalArgumentException for a stochastic sampler, or a ve model that knows its data's
   *     moments (its start is not a scaled base draw)
   */
  public static Points generateFrom(Denoiser denoiser, Sampler sampler, Points base) {
    if (sampler.isStochastic()) {
      throw new IllegalArgumentException(
          "sampler '" + sampler.name() + "' is stochastic; the ODE map needs a deterministic one");
    }
    if (startsFromMoments(denoiser)) {
      throw new IllegalArgumentException(
          "a ve model with data moments starts from N(mean, cov + σ²·I), not from a base draw");
    }
    return generate(denoiser, sampler, base, 0, StepListener.NONE);
  }

  private static String steps(Sampler sampler) {
    return sampler instanceof FixedStepSampler ? " of " + ((FixedStepSampler) sampler).steps : "";
  }

  /**
   * Checks what every sampler needs, with a one-line message naming the problem and the fix. Each
   * sampler calls it before its first model call.
   *
   * @throws IllegalArgumentException for ε-prediction on a path with a(1) = 0 (flow), where x̂0 =
   *     (x − b·ε̂)/a is undefined at the start, or for a stochastic sampler on a non-Gaussian base
   */
  public static void check(Sampler sampler, Denoiser denoiser) {
    AffinePath path = denoiser.path();
    denoiser.prediction().checkSamplableOn(path);
    if (sampler.isStochastic() && !path.base().isGaussian()) {
      throw new IllegalArgumentException(
          "sampler '"
              + sampler.name()
              + "' adds Gaussian noise, which needs a gaussian "
              + "base, but the model's base is "
              + path.base().cliName()
              + "; use a deterministic sampler (ddim with --eta 0, euler, heun, midpoint, rk4, dpm++2m, dpm++3m, unipc, adaptive)");
    }
  }
}
