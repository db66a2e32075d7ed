package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.Denoiser;
import java.util.Random;

/**
 * How straight a model's ODE trajectories are (Liu et al. 2022, rectified flow): S = ∫₀¹ E‖v(x_t,
 * t) − (x_1 − x_0)‖² dt along the probability-flow ODE dx/dt = v from a base draw at t = 1 to its
 * sample at t = 0, where v is the velocity the model's prediction implies ({@link
 * Prediction#velocity}). S is 0 exactly when every trajectory is a straight line walked at constant
 * speed, which one Euler step then follows without error. The trajectory is integrated by Euler
 * with the field evaluated at t = 1, 1 − 1/K, …, 1/K (never at t = 0), so x_1 − x_0 is the mean of
 * the K velocities and S is their mean squared deviation from it. Meaningful where the straight
 * line is the path's own geometry (flow); on vp and ve it measures the curvature of their time
 * change as well.
 */
public final class PathStraightness {
  private PathStraightness() {}

  /**
   * S for {@code n} base draws from {@code seed} (started as {@code Sampling.generate} starts a
   * gaussian-base run: {@code b(1)·x1}), integrated in {@code steps} Euler steps.
   */
  public static double measure(Denoiser model, int n, int steps, long seed) {
    if (n < 1 || steps < 2) {
      throw new IllegalArgumentException("straightness needs n ≥ 1 and at least 2 steps");
    }
    AffinePath path = model.path();
    Prediction prediction = model.prediction();
    int dim = model.dimension();
    double[] x = new double[n * dim];
    path.base().sample(x, n, dim, new Random(seed));
    double scale = path.at(1.0).b;
    for (int i = 0; i < x.length; i++) {
      x[i] *= scale;
    }
    double[] out = new double[n * dim];
    double[] t = new double[n];
    double[][] velocities = new double[steps][n * dim];
    double dt = 1.0 / steps;
    for (int k = 0; k < steps; k++) {
      double time = 1.0 - k * dt;
      java.util.Arrays.fill(t, time);
      model.predict(x, t, n, out);
      PathPoint p = path.at(time);
      double[] v = velocities[k];
      for (int i = 0; i < x.length; i++) {
        v[i] = prediction.velocity(x[i], out[i], p);
        x[i] -= dt * v[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < n * dim; i++) {
      double mean = 0;
      for (int k = 0; k < steps; k++) {
        mean += velocities[k][i];
      }
      mean /= steps;
      for (int k = 0; k < steps; k++) {
        double d = velocities[k][i] - mean;
        sum += d * d;
      }
    }
    return sum / steps / n;
  }
}
