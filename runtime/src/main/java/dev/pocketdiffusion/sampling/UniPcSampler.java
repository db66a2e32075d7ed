package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import java.util.Random;

/**
 * UniPC (Zhao et al. 2023) of order 2 with B(h) = e^{−h} − 1 ("bh2"), in data-prediction form, as
 * diffusers' {@code UniPCMultistepScheduler} runs it: each step predicts with UniP, and once the
 * model has been called at the predicted point UniC corrects that point with the same output, so a
 * step costs one model call. For a step from s to t with {@code h = λ_t − λ_s} ({@code λ =
 * log(a/b)}), the earlier output at relative position {@code r = (λ_prev − λ_s)/h} and {@code D1 =
 * (x̂0_prev − x̂0_s)/r}, both start from {@code base = (b_t/b_s)·x_s − a_t·(e^{−h} − 1)·x̂0_s}:
 *
 * <ul>
 *   <li>UniP: {@code x_t = base − a_t·B·D1/2} (just base in a first-order step);
 *   <li>UniC: {@code x_t = base − a_t·B·(ρ0·D1 + ρ1·(x̂0_t − x̂0_s))}, ρ solving UniPC's conditions
 *       {@code ρ0 + ρ1 = b1}, {@code r·ρ0 + ρ1 = b2} (after a first-order step ρ1 = 1/2, ρ0 = 0).
 * </ul>
 *
 * <p>A step to b = 0 is first order ({@code x = a·x̂0}) and needs no correction; a step from a = 0
 * (λ = −∞) is the DDIM step and later steps do not use its output; with fewer than 15 steps the
 * order is lowered at the end ({@code lower_order_final}). Deterministic. Recommended spacing as
 * {@link DpmSolverSampler}'s.
 */
public final class UniPcSampler extends FixedStepSampler {

  /** UniPC-bh2 of order 2 with {@code steps} steps. */
  public UniPcSampler(int steps, TimestepSpacing spacing) {
    super("unipc", steps, spacing);
  }

  @Override
  protected TimestepSpacing recommendedSpacing(AffinePath path) {
    return DpmSolverSampler.multistepSpacing(path);
  }

  @Override
  public int modelCalls() {
    return steps;
  }

  @Override
  public boolean isStochastic() {
    return false;
  }

  /** The coefficients of one step from {@code from} to {@code to}. */
  private static final class Step {
    final double decay;
    final double phi1;
    final double bh;
    final double b1;
    final double b2;
    final double h;

    Step(PathPoint from, PathPoint to) {
      double eMinusH = (from.a * to.b) / (to.a * from.b);
      h = -Math.log(eMinusH);
      decay = to.b / from.b;
      phi1 = eMinusH - 1;
      bh = phi1;
      double phiK = phi1 / -h - 1;
      b1 = phiK / bh;
      b2 = (phiK / -h - 0.5) * 2 / bh;
    }
  }

  @Override
  public void sample(Denoiser denoiser, double[] x, int n, Random rng, StepListener listener) {
    Sampling.check(this, denoiser);
    int dim = denoiser.dimension();
    AffinePath path = denoiser.path();
    CleanField field = new CleanField(denoiser, n);
    double[] times = grid(path);
    double[] now = new double[x.length]; // x̂0 at the current time
    double[] prev = new double[x.length]; // x̂0 at the previous time
    double[] prev2 = new double[x.length]; // x̂0 two times back
    double[] from = new double[x.length]; // the state the latest prediction started from
    PathPoint prevPoint = null;
    PathPoint prev2Point = null;
    int predicted = 0; // order of the latest prediction, 0 if it needs no correction
    int history = 0; // usable earlier outputs
    listener.onStep(0, times[0], x, n, dim);
    for (int i = 0; i < steps; i++) {
      PathPoint point = field.estimate(times[i], x);
      System.arraycopy(field.x0, 0, now, 0, x.length);
      if (predicted > 0) {
        Step c = new Step(prevPoint, point);
        double rho0 = 0;
        double rho1 = 0.5;
        double r = 1;
        if (predicted == 2) {
          r = (prev2Point.halfLogSnr() - prevPoint.halfLogSnr()) / c.h;
          rho0 = (c.b1 - c.b2) / (1 - r);
          rho1 = c.b1 - rho0;
        }
        for (int j = 0; j < x.length; j++) {
          double base = c.decay * from[j] - point.a * c.phi1 * prev[j];
          double d1 = predicted == 2 ? (prev2[j] - prev[j]) / r : 0;
          x[j] = base - point.a * c.bh * (rho0 * d1 + rho1 * (now[j] - prev[j]));
        }
      }
      PathPoint next = path.at(times[i + 1]);
      Step c = new Step(point, next);
      int order = next.b == 0 ? 1 : DpmSolverSampler.stepOrder(2, i, steps, history);
      double r = order == 2 ? (prevPoint.halfLogSnr() - point.halfLogSnr()) / c.h : 1;
      for (int j = 0; j < x.length; j++) {
        from[j] = x[j];
        if (next.b == 0) {
          x[j] = next.a * now[j];
        } else {
          double d1 = order == 2 ? (prev[j] - now[j]) / r : 0;
          x[j] = c.decay * x[j] - next.a * c.phi1 * now[j] - next.a * c.bh * 0.5 * d1;
        }
        prev2[j] = prev[j];
        prev[j] = now[j];
      }
      predicted = next.b == 0 || Double.isInfinite(c.h) ? 0 : order;
      history = Double.isInfinite(c.h) ? 0 : history + 1;
      prev2Point = prevPoint;
      prevPoint = point;
      listener.onStep(i + 1, next.t, x, n, dim);
    }
  }
}
