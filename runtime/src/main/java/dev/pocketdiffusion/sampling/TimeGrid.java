package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;

/**
 * The descending path times a sampler visits: {@code steps + 1} values from near 1 down to exactly
 * 0 (clean data). For a discrete path they are the chosen timesteps' times, so the step from one
 * time to the next is always looked up in the list, never assumed to be a fixed stride.
 */
public final class TimeGrid {
  private TimeGrid() {}

  /** The grid of {@code steps} steps for {@code path} with the given spacing. */
  public static double[] of(AffinePath path, int steps, TimestepSpacing spacing) {
    double[] times = new double[steps + 1];
    if (path.numTimesteps() > 0) {
      int[] ks = spacing.timesteps(path.numTimesteps(), steps);
      for (int i = 0; i < steps; i++) {
        times[i] = path.timeOfStep(ks[i]);
      }
    } else {
      if (steps < 1) {
        throw new IllegalArgumentException("steps must be at least 1, got " + steps);
      }
      for (int i = 0; i < steps; i++) {
        times[i] = 1.0 - (double) i / steps;
      }
    }
    times[steps] = 0.0;
    return times;
  }
}
