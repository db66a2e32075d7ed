package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import java.util.Random;

/**
 * DPM-Solver++(2M) (Lu et al. 2022, Algorithm 2): the multistep second-order solver of the
 * probability-flow ODE in data-prediction form. With {@code λ = log(a/b)} and {@code h = λ_s − λ_t}
 * a step from t to s is {@code x_s = (b_s/b_t)·x_t − a_s·(e^{−h} − 1)·D}, where D is x̂0 at t for
 * the first step and {@code (1 + 1/(2r))·x̂0_t − (1/(2r))·x̂0_prev} with {@code r = h_prev/h}
 * afterwards. Like k-diffusion and diffusers, a step to b_s = 0 (λ = +∞) is first order, which
 * makes it {@code x_s = a_s·x̂0}. e^{−h} is computed as {@code (a_t·b_s)/(a_s·b_t)}, so a start at
 * a = 0 (flow, λ = −∞) is the finite DDIM step, and the step after it, with r = ∞, is first order
 * too. Deterministic, one model call per step. Its recommended spacing is {@code logsnr} (uniform
 * steps in λ, as the paper advises for few steps) wherever the path allows it.
 */
public final class DpmSolverSampler extends FixedStepSampler {

  /** DPM-Solver++(2M) with {@code steps} steps. */
  public DpmSolverSampler(int steps, TimestepSpacing spacing) {
    super("dpm++2m", steps, spacing);
  }

  @Override
  protected TimestepSpacing recommendedSpacing(AffinePath path) {
    return TimeGrid.allowsLogSnr(path) ? TimestepSpacing.LOGSNR : TimestepSpacing.LINSPACE;
  }

  @Override
  public int modelCalls() {
    return steps;
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
    double[] previous = new double[x.length];
    double previousH = 0;
    listener.onStep(0, times[0], x, n, dim);
    for (int i = 0; i < steps; i++) {
      PathPoint now = field.estimate(times[i], x);
      PathPoint next = denoiser.path().at(times[i + 1]);
      double decay = (now.a * next.b) / (next.a * now.b); // e^{−h}
      double h = -Math.log(decay);
      double correction = i == 0 || next.b == 0 ? 0 : h / (2 * previousH); // 1/(2r); 0 where r = ∞
      for (int j = 0; j < x.length; j++) {
        double clean = field.x0[j];
        double d = clean + correction * (clean - previous[j]);
        x[j] = (next.b / now.b) * x[j] - next.a * (decay - 1) * d;
        previous[j] = clean;
      }
      previousH = h;
      listener.onStep(i + 1, next.t, x, n, dim);
    }
  }
}
