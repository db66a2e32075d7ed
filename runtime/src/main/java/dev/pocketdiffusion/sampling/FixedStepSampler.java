package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;

/**
 * What every sampler with a fixed number of steps shares: its name, the validated step count, the
 * timestep spacing and the time grid they give on a path.
 */
abstract class FixedStepSampler implements Sampler {
  /** The command-line name. */
  protected final String name;

  /** Number of steps (at least 1). */
  protected final int steps;

  /** How the steps are placed along the path; null means {@link #recommendedSpacing}. */
  protected final TimestepSpacing spacing;

  FixedStepSampler(String name, int steps, TimestepSpacing spacing) {
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
    }
    this.name = name;
    this.steps = steps;
    this.spacing = spacing;
  }

  @Override
  public String name() {
    return name;
  }

  /** The descending times this sampler visits on {@code path}. */
  protected double[] grid(AffinePath path) {
    return TimeGrid.of(path, steps, spacing != null ? spacing : recommendedSpacing(path));
  }

  /** The spacing used when none was chosen: {@code linspace} unless a sampler knows better. */
  protected TimestepSpacing recommendedSpacing(AffinePath path) {
    return TimestepSpacing.LINSPACE;
  }
}
