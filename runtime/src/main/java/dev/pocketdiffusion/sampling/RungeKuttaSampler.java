package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.PathPoint;
import java.util.Random;

/**
 * Fixed-step explicit Runge–Kutta solvers of the ODE {@code dx/dt = u(x, t) = a'·x̂0 + b'·x̂1} from
 * t ≈ 1 down to 0 over the {@link TimeGrid}: {@code euler} (order 1, one model call per step),
 * {@code midpoint} and {@code heun} (order 2, two calls) and the classical {@code rk4} (order 4,
 * four calls). Deterministic.
 *
 * <p>Where b(0) = 0 (vp, flow, ve linear, ve sqrt) the field at t = 0 is exact only for smooth data
 * densities (see {@link CleanField}): on concentrated data the velocity does not tend to its t = 0
 * value. So a step that ends there uses a method with no stage at its end: heun takes a DDIM step
 * {@code x ← a(0)·x̂0} (k-diffusion's Heun takes the same Euler step in σ; local error O(h²), so
 * heun stays second order) and rk4 Ralston's third-order method (local error O(h⁴), so rk4 stays
 * fourth order). Both land on the points of concentrated data on flow and ve; on vp, where b ≈
 * √(T·β₀·t) near 0, Ralston's stages in t do not (rk4 with 100 steps ends 2e-3 from two points).
 * They make 2·steps − 1 and 4·steps − 1 calls there; on ve exp and ve geometric (b(0) &gt; 0)
 * 2·steps and 4·steps.
 */
public final class RungeKuttaSampler extends FixedStepSampler {
  /** A Butcher tableau: stage times as fractions of the step, couplings and weights. */
  private static final class Tableau {
    final double[] nodes;
    final double[][] coupling;
    final double[] weights;

    Tableau(double[] nodes, double[][] coupling, double[] weights) {
      this.nodes = nodes;
      this.coupling = coupling;
      this.weights = weights;
    }
  }

  private static final Tableau EULER =
      new Tableau(new double[] {0}, new double[][] {{}}, new double[] {1});

  /** Ralston's third-order method: no stage at the step's end. */
  private static final Tableau RALSTON3 =
      new Tableau(
          new double[] {0, 0.5, 0.75},
          new double[][] {{}, {0.5}, {0, 0.75}},
          new double[] {2 / 9.0, 1 / 3.0, 4 / 9.0});

  /** The method of every step. */
  private final Tableau tableau;

  /** The method of a step that ends where b = 0, with no stage there; null for a DDIM step. */
  private final Tableau last;

  private volatile int calls;

  private RungeKuttaSampler(
      String name, Tableau tableau, Tableau last, int steps, TimestepSpacing spacing) {
    super(name, steps, spacing);
    this.tableau = tableau;
    this.last = last;
    this.calls = tableau.nodes.length * steps;
  }

  /** Euler's method, order 1. */
  public static RungeKuttaSampler euler(int steps, TimestepSpacing spacing) {
    return new RungeKuttaSampler("euler", EULER, EULER, steps, spacing);
  }

  /** Heun's method (explicit trapezoid), order 2; its step into b = 0 is a DDIM step. */
  public static RungeKuttaSampler heun(int steps, TimestepSpacing spacing) {
    return new RungeKuttaSampler(
        "heun",
        new Tableau(new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}),
        null,
        steps,
        spacing);
  }

  /** The explicit midpoint method, order 2. */
  public static RungeKuttaSampler midpoint(int steps, TimestepSpacing spacing) {
    Tableau midpoint =
        new Tableau(new double[] {0, 0.5}, new double[][] {{}, {0.5}}, new double[] {0, 1});
    return new RungeKuttaSampler("midpoint", midpoint, midpoint, steps, spacing);
  }

  /** The classical Runge–Kutta method, order 4; its step into b = 0 is Ralston's third order. */
  public static RungeKuttaSampler rk4(int steps, TimestepSpacing spacing) {
    return new RungeKuttaSampler(
        "rk4",
        new Tableau(
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0}),
        RALSTON3,
        steps,
        spacing);
  }

  /**
   * {@code karras} on vp, as {@link FixedStepSampler} elsewhere. VP's noise level b ≈ √(T·β₀·t) has
   * an unbounded derivative at t = 0, so steps uniform in t leave the higher-order methods short of
   * their order (rk4 measured 1.3 on linspace); in σ^{1/7} the field is smooth and rk4 is fourth
   * order again.
   */
  @Override
  protected TimestepSpacing recommendedSpacing(AffinePath path) {
    return path.process() == NoiseProcess.VP
        ? TimestepSpacing.KARRAS
        : super.recommendedSpacing(path);
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
    double[][] slopes = new double[tableau.nodes.length][x.length];
    double[] stage = new double[x.length];
    listener.onStep(0, times[0], x, n, dim);
    for (int i = 0; i < steps; i++) {
      double h = times[i + 1] - times[i];
      PathPoint end = denoiser.path().at(times[i + 1]);
      Tableau method = end.b == 0 ? last : tableau;
      if (method == null) {
        field.estimate(times[i], x);
        for (int j = 0; j < x.length; j++) {
          x[j] = end.a * field.x0[j];
        }
        listener.onStep(i + 1, times[i + 1], x, n, dim);
        continue;
      }
      for (int s = 0; s < method.nodes.length; s++) {
        for (int j = 0; j < x.length; j++) {
          double sum = 0;
          for (int r = 0; r < s; r++) {
            sum += method.coupling[s][r] * slopes[r][j];
          }
          stage[j] = x[j] + h * sum;
        }
        field.velocity(times[i] + method.nodes[s] * h, stage, slopes[s]);
      }
      for (int j = 0; j < x.length; j++) {
        double sum = 0;
        for (int s = 0; s < method.nodes.length; s++) {
          sum += method.weights[s] * slopes[s][j];
        }
        x[j] += h * sum;
      }
      listener.onStep(i + 1, times[i + 1], x, n, dim);
    }
    calls = field.calls();
  }
}
