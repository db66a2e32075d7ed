package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.NoiseProcess;

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

  /** The descending times this sampler visits on {@code path}, from 1 to 0 ({@code steps + 1}). */
  public double[] times(AffinePath path) {
    return grid(path);
  }

  /**
   * The spacing used when none was chosen, unless a sampler knows better: {@code cosine} on a
   * continuous path whose noise level rises like √t from 0 (ve sqrt, where steps uniform in t leave
   * heun −2.7 % and ddim −4 % off the data's std at 200 steps, and cosine's steps, quadratic in t
   * near 0, 0.04 % and 1 %), {@code linspace} elsewhere.
   */
  protected TimestepSpacing recommendedSpacing(AffinePath path) {
    boolean steepStart = path.process() != NoiseProcess.VP && Double.isInfinite(path.at(0).db);
    return steepStart ? TimestepSpacing.COSINE : TimestepSpacing.LINSPACE;
  }
}
