package dev.pocketdiffusion.sampling;

import java.util.Random;

/** Turns base samples into data samples by running a denoiser backwards along its path. */
public interface Sampler {

  /** The sampler's command-line name, e.g. {@code ddim}. */
  String name();

  /**
   * Number of denoiser calls of the latest {@link #sample} run, or before any run the number a run
   * makes when every stage needs the model. Only {@code heun}, {@code rk4} (one call fewer on paths
   * with b(0) = 0) and {@code adaptive} (0 before any run) can differ between runs.
   */
  int modelCalls();

  /** True if a run draws fresh noise from its {@code rng}, which needs a Gaussian base. */
  boolean isStochastic();

  /**
   * Runs the reverse process in place: {@code x} holds n base samples on entry and n data samples
   * on return. Stochastic samplers draw their noise from {@code rng}.
   *
   * @throws IllegalArgumentException if the sampler cannot run this denoiser (see {@link
   *     Sampling#check})
   */
  void sample(Denoiser denoiser, double[] x, int n, Random rng, StepListener listener);
}
