package dev.pocketdiffusion.sampling;

import java.util.Random;

/** Turns base samples into data samples by running a denoiser backwards along its path. */
public interface Sampler {

  /** The sampler's command-line name, e.g. {@code ddim}. */
  String name();

  /** Number of denoiser calls one {@link #sample} run makes. */
  int modelCalls();

  /**
   * Runs the reverse process in place: {@code x} holds n base samples on entry and n data samples
   * on return. Stochastic samplers draw their noise from {@code rng}.
   */
  void sample(Denoiser denoiser, double[] x, int n, Random rng, StepListener listener);
}
