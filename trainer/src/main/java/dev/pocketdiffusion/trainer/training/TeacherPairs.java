package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Sampling;
import java.util.Random;

/**
 * (base draw, sample) pairs of a teacher's ODE map: {@code n} draws x1 from the teacher's base and
 * where its deterministic sampler takes each, through ONNX Runtime. A student trained on these
 * pairs instead of independent ones learns straight paths (rectified flow, Liu et al. 2022); the
 * student may be the next teacher.
 */
public final class TeacherPairs {
  /** The teacher's samples, row i reached from {@link #base} row i. */
  public final Points data;

  /** The base draws x1 the samples started from (before the path's b(1) scale). */
  public final Points base;

  /** Wall-clock seconds the teacher took. */
  public final double seconds;

  private TeacherPairs(Points data, Points base, double seconds) {
    this.data = data;
    this.base = base;
    this.seconds = seconds;
  }

  /**
   * Draws {@code n} pairs from {@code teacher} with {@code sampler}, the base draws seeded with
   * {@code seed}.
   *
   * @throws IllegalArgumentException for a stochastic sampler or a teacher whose start is not a
   *     scaled base draw (see {@link Sampling#generateFrom})
   */
  public static TeacherPairs draw(Denoiser teacher, Sampler sampler, int n, long seed) {
    if (n < 2) {
      throw new IllegalArgumentException("--pairs must be at least 2, got " + n);
    }
    long start = System.nanoTime();
    int dim = teacher.dimension();
    double[] x1 = new double[n * dim];
    teacher.path().base().sample(x1, n, dim, new Random(seed));
    Points base = new Points(n, dim, x1);
    Points data = Sampling.generateFrom(teacher, sampler, base);
    return new TeacherPairs(data, base, (System.nanoTime() - start) / 1e9);
  }
}
