package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.RungeKuttaSampler;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.TimestepSpacing;

/**
 * How straight a model's ODE trajectories are (Liu et al. 2022, rectified flow): S = ∫₀¹ E‖v(x_t,
 * t) − (x_1 − x_0)‖² dt along the probability-flow ODE dx/dt = v from a base draw at t = 1 to its
 * sample at t = 0. S is 0 exactly when every trajectory is a straight line walked at constant
 * speed, which one Euler step then follows without error. The trajectories are the runtime's own
 * {@code euler} sampler on the {@code linspace} grid, started as {@link Sampling#generate} starts
 * every sampler; each step's velocity is its displacement over its time step, so x_1 − x_0 is their
 * time-weighted mean and S their time-weighted mean squared deviation from it. Meaningful where the
 * straight line is the path's own geometry (flow); on vp and ve it measures the curvature of their
 * time change as well.
 */
public final class PathStraightness {
  private PathStraightness() {}

  /** S for {@code n} base draws from {@code seed}, integrated in {@code steps} Euler steps. */
  public static double measure(Denoiser model, int n, int steps, long seed) {
    if (n < 1 || steps < 2) {
      throw new IllegalArgumentException("straightness needs n ≥ 1 and at least 2 steps");
    }
    double[][] states = new double[steps + 1][];
    double[] times = new double[steps + 1];
    Sampling.generate(
        model,
        RungeKuttaSampler.euler(steps, TimestepSpacing.LINSPACE),
        n,
        seed,
        (step, t, x, size, dimension) -> {
          states[step] = x.clone();
          times[step] = t;
        });
    double span = times[0] - times[steps];
    double sum = 0;
    for (int i = 0; i < states[0].length; i++) {
      double straight = (states[0][i] - states[steps][i]) / span;
      for (int k = 0; k < steps; k++) {
        double h = times[k] - times[k + 1];
        double d = (states[k][i] - states[k + 1][i]) / h - straight;
        sum += h * d * d;
      }
    }
    return sum / span / n;
  }
}
