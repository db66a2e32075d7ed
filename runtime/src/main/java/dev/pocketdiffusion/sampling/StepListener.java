package dev.pocketdiffusion.sampling;

/** Observes a sampler's state after each step, e.g. to record a trajectory or show progress. */
public interface StepListener {

  /** Does nothing. */
  StepListener NONE = (step, t, x, n, dimension) -> {};

  /**
   * Called with the initial state ({@code step = 0}, {@code t = 1}) and after each step; {@code x}
   * is live and must be copied if kept.
   */
  void onStep(int step, double t, double[] x, int n, int dimension);
}
