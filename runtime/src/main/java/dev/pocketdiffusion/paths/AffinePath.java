package dev.pocketdiffusion.paths;

/**
 * A noising process written as one affine path {@code x_t = a(t)·x0 + b(t)·x1}, where {@code x0} is
 * a data point, {@code x1} a draw from the base distribution and {@code t} runs from 0 (data) to 1
 * (base). The trainer noises data with it and the samplers invert it: it is the single definition
 * of every process.
 */
public interface AffinePath {

  /** The process this path belongs to. */
  NoiseProcess process();

  /** The coefficients and their derivatives at time {@code t ∈ [0, 1]}. */
  PathPoint at(double t);

  /**
   * The number of discrete training timesteps T, or 0 for a continuous-time path. A discrete path
   * trains on the times {@code (k + 1) / T} for {@code k = 0 … T−1}.
   */
  int numTimesteps();

  /** The distribution of x1. */
  BaseDistribution base();

  /** The path time of discrete timestep {@code k} (0-based) of a discrete path. */
  default double timeOfStep(int k) {
    int steps = numTimesteps();
    if (steps <= 0) {
      throw new IllegalStateException(
          process() + " path is continuous: it has no discrete timesteps");
    }
    return (k + 1) / (double) steps;
  }
}
