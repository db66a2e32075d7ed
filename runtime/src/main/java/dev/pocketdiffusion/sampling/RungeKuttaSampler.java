package dev.pocketdiffusion.sampling;

import java.util.Random;

/**
 * Fixed-step explicit Runge–Kutta solvers of the ODE {@code dx/dt = u(x, t) = a'·x̂0 + b'·x̂1} from
 * t ≈ 1 down to 0 over the {@link TimeGrid}: {@code euler} (order 1, one model call per step),
 * {@code midpoint} and {@code heun} (order 2, two calls) and the classical {@code rk4} (order 4,
 * four calls). Deterministic. The last stage of heun's and rk4's last step falls on t = 0, which
 * costs no model call where b(0) = 0 (vp, flow, ve linear, ve sqrt; see {@link CleanField}), so
 * there they make 2·steps − 1 and 4·steps − 1 calls; on ve exp and ve geometric (b(0) &gt; 0)
 * 2·steps and 4·steps.
 *
 * <p>On vp, log ᾱ is linear between training times, so u jumps at each of them and stages between
 * or on them cost these solvers their order: on Gaussian test data heun, midpoint and rk4 stall
 * near 2e-3 from 100 to 500 steps. ddim and dpm++2m use a and b only at the chosen timesteps and
 * keep converging.
 */
public final class RungeKuttaSampler extends FixedStepSampler {
  /** Stage times as fractions of the step. */
  private final double[] nodes;

  /** Row i: the weights of stages 0 … i−1 in the state of stage i. */
  private final double[][] coupling;

  /** Weights of the stages in the step. */
  private final double[] weights;

  private volatile int calls;

  private RungeKuttaSampler(
      String name,
      double[] nodes,
      double[][] coupling,
      double[] weights,
      int steps,
      TimestepSpacing spacing) {
    super(name, steps, spacing);
    this.nodes = nodes;
    this.coupling = coupling;
    this.weights = weights;
    this.calls = nodes.length * steps;
  }

  /** Euler's method, order 1. */
  public static RungeKuttaSampler euler(int steps, TimestepSpacing spacing) {
    return new RungeKuttaSampler(
        "euler", new double[] {0}, new double[][] {{}}, new double[] {1}, steps, spacing);
  }

  /** Heun's method (explicit trapezoid), order 2. */
  public static RungeKuttaSampler heun(int steps, TimestepSpacing spacing) {
    return new RungeKuttaSampler(
        "heun",
        new double[] {0, 1},
        new double[][] {{}, {1}},
        new double[] {0.5, 0.5},
        steps,
        spacing);
  }

  /** The explicit midpoint method, order 2. */
  public static RungeKuttaSampler midpoint(int steps, TimestepSpacing spacing) {
    return new RungeKuttaSampler(
        "midpoint",
        new double[] {0, 0.5},
        new double[][] {{}, {0.5}},
        new double[] {0, 1},
        steps,
        spacing);
  }

  /** The classical Runge–Kutta method, order 4. */
  public static RungeKuttaSampler rk4(int steps, TimestepSpacing spacing) {
    return new RungeKuttaSampler(
        "rk4",
        new double[] {0, 0.5, 0.5, 1},
        new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
        new double[] {1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0},
        steps,
        spacing);
  }

  @Override
  public int modelCalls() {
    return calls;
  }

  @Override
  public boolean isStochastic() {
    return false;
  }

  @Override
  public void sample(Denoiser denoiser, double[] x, int n, Random rng, StepListener listener) {
    Sampling.check(this, denoiser);
    int dim = denoiser.dimension();
    CleanField field = new CleanField(denoiser, n);
    double[] times = grid(denoiser.path());
    double[][] slopes = new double[nodes.length][x.length];
    double[] stage = new double[x.length];
    listener.onStep(0, times[0], x, n, dim);
    for (int i = 0; i < steps; i++) {
      double h = times[i + 1] - times[i];
      for (int s = 0; s < nodes.length; s++) {
        for (int j = 0; j < x.length; j++) {
          double sum = 0;
          for (int r = 0; r < s; r++) {
            sum += coupling[s][r] * slopes[r][j];
          }
          stage[j] = x[j] + h * sum;
        }
        field.velocity(times[i] + nodes[s] * h, stage, slopes[s]);
      }
      for (int j = 0; j < x.length; j++) {
        double sum = 0;
        for (int s = 0; s < nodes.length; s++) {
          sum += weights[s] * slopes[s][j];
        }
        x[j] += h * sum;
      }
      listener.onStep(i + 1, times[i + 1], x, n, dim);
    }
    calls = field.calls();
  }
}
