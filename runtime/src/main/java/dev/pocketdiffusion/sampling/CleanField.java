package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import java.util.Arrays;

/**
 * The denoiser as the Runge–Kutta, Euler–Maruyama, DPM-Solver and adaptive samplers query it, one
 * batch of n points at a time: the estimates (x̂0, x̂1) through {@link CleanEstimate#split}, and
 * the marginal-preserving ODE velocity {@code u(x, t) = a'·x̂0 + b'·x̂1} (the probability-flow ODE
 * for vp, x̂1 − x̂0 for flow). It counts the model calls.
 *
 * <p>Where b(t) = 0 (t = 0 on vp, flow, ve linear and ve sqrt) it calls no model: there {@code x =
 * a·x0} exactly, so x̂0 = x/a, and x1 is independent of x, so x̂1 = E[x1] = 0 (every base has mean
 * 0), and u = a'·x̂0. That is the exact limit where b'(0) is finite (flow, ve linear). On vp and ve
 * sqrt b'(0) is infinite and b'·x̂1 tends to b·b'·(−score), which no model output at t = 0
 * determines, so it is left out: on vp b·b' = T·β₀/2 there (0.05 for the linear schedule), and only
 * the last step sees it, which is 1/T long for the fixed-step samplers with linspace spacing.
 */
final class CleanField {
  private final Denoiser denoiser;
  private final AffinePath path;
  private final Prediction prediction;
  private final DataRange range;
  private final int n;
  private final int dim;
  private final double[] times;
  private final double[] out;

  /** x̂0 of the latest {@link #estimate}. */
  final double[] x0;

  /** x̂1 of the latest {@link #estimate}. */
  final double[] x1;

  private int calls;

  /** A field for batches of {@code n} points of {@code denoiser}'s dimension. */
  CleanField(Denoiser denoiser, int n) {
    this.denoiser = denoiser;
    this.path = denoiser.path();
    this.prediction = denoiser.prediction();
    this.range = denoiser.dataRange();
    this.n = n;
    this.dim = denoiser.dimension();
    this.times = new double[n];
    this.out = new double[n * dim];
    this.x0 = new double[n * dim];
    this.x1 = new double[n * dim];
  }

  /**
   * Fills {@link #x0} and {@link #x1} for the points {@code x} at time {@code t}; returns the path
   * point.
   */
  PathPoint estimate(double t, double[] x) {
    PathPoint p = path.at(t);
    if (p.b == 0) {
      for (int j = 0; j < x.length; j++) {
        x0[j] = x[j] / p.a;
        x1[j] = 0;
      }
      return p;
    }
    Arrays.fill(times, t);
    denoiser.predict(x, times, n, out);
    calls++;
    CleanEstimate.split(prediction, range, x, out, p, dim, x0, x1);
    return p;
  }

  /** Writes the velocity u(x, t) into {@code u}. */
  void velocity(double t, double[] x, double[] u) {
    PathPoint p = estimate(t, x);
    double db = p.b == 0 ? 0 : p.db;
    for (int j = 0; j < x.length; j++) {
      u[j] = p.da * x0[j] + db * x1[j];
    }
  }

  /** The number of model calls so far. */
  int calls() {
    return calls;
  }
}
