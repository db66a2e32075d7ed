package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import java.util.Random;

/**
 * The multistep DPM-Solver++ family (Lu et al. 2022) in data-prediction form, on {@code λ =
 * log(a/b)} with {@code h = λ_s − λ_t} for a step from t to s; one model call per step. e^{−h} is
 * computed as {@code (a_t·b_s)/(a_s·b_t)}, so a start at a = 0 (flow, λ = −∞) is the finite DDIM
 * step, and a step whose previous step was infinite in λ is first order.
 *
 * <ul>
 *   <li>{@code dpm++2m} (Algorithm 2): {@code x_s = (b_s/b_t)·x_t − a_s·(e^{−h} − 1)·D} with {@code
 *       D = (1 + 1/(2r))·x̂0_t − (1/(2r))·x̂0_prev}, {@code r = h_prev/h}.
 *   <li>{@code dpm++3m}: the third-order multistep update {@code x_s = (b_s/b_t)·x_t + a_s·((1 −
 *       e^{−h})·x̂0 + φ2·d1 + c3·d2)} with k-diffusion's divided differences d1 ≈ h·D', d2 ≈
 *       h²·D''/2, {@code φ2 = (e^{−h} − 1 + h)/h} and {@code c3 = 1 − 2·φ2/h}, the exact weight of
 *       d2 in the exponential integral. k-diffusion and the DPM-Solver code use {@code −φ3 = 1/2 −
 *       φ2/h}, half of it, which makes their 3M second order (its d2 term is h³·D''/12 short per
 *       step).
 *   <li>{@code dpm++2m-sde} (k-diffusion's {@code sample_dpmpp_2m_sde}, midpoint, η = 1): {@code
 *       x_s = a_s·(e^{−2h}·x_t/a_t + (1 − e^{−2h})·(x̂0 + (x̂0 − x̂0_prev)/(2r)) + σ_s·√(1 −
 *       e^{−2h})·z)} with σ = b/a; stochastic.
 * </ul>
 *
 * <p>Like k-diffusion and diffusers, a step to b_s = 0 (λ = +∞) is first order, {@code x_s =
 * a_s·x̂0}; with fewer than 15 steps the last steps lower the order further ({@code
 * lower_order_final}: order at most the number of steps left). Recommended spacing: {@code logsnr}
 * (uniform in λ) where λ is finite at both ends, {@code cosine} otherwise.
 */
public final class DpmSolverSampler extends FixedStepSampler {
  /** Below this many steps the last steps lower their order, as diffusers does. */
  static final int LOWER_ORDER_FINAL_BELOW = 15;

  private final int order;
  private final boolean stochastic;

  private DpmSolverSampler(
      String name, int order, boolean stochastic, int steps, TimestepSpacing spacing) {
    super(name, steps, spacing);
    this.order = order;
    this.stochastic = stochastic;
  }

  /** DPM-Solver++(2M) with {@code steps} steps. */
  public DpmSolverSampler(int steps, TimestepSpacing spacing) {
    this("dpm++2m", 2, false, steps, spacing);
  }

  /** DPM-Solver++(3M), third order. */
  public static DpmSolverSampler thirdOrder(int steps, TimestepSpacing spacing) {
    return new DpmSolverSampler("dpm++3m", 3, false, steps, spacing);
  }

  /** DPM-Solver++(2M) SDE, stochastic. */
  public static DpmSolverSampler sde(int steps, TimestepSpacing spacing) {
    return new DpmSolverSampler("dpm++2m-sde", 2, true, steps, spacing);
  }

  @Override
  protected TimestepSpacing recommendedSpacing(AffinePath path) {
    return multistepSpacing(path);
  }

  /** {@code logsnr} where the path's λ is finite at both ends, {@code cosine} otherwise. */
  static TimestepSpacing multistepSpacing(AffinePath path) {
    return TimeGrid.allowsLogSnr(path) ? TimestepSpacing.LOGSNR : TimestepSpacing.COSINE;
  }

  /** The order step i of {@code steps} may use, given how many usable earlier outputs it has. */
  static int stepOrder(int order, int i, int steps, int history) {
    int k = Math.min(order, history + 1);
    return steps < LOWER_ORDER_FINAL_BELOW ? Math.min(k, steps - i) : k;
  }

  @Override
  public int modelCalls() {
    return steps;
  }

  @Override
  public boolean isStochastic() {
    return stochastic;
  }

  @Override
  public void sample(Denoiser denoiser, double[] x, int n, Random rng, StepListener listener) {
    Sampling.check(this, denoiser);
    int dim = denoiser.dimension();
    CleanField field = new CleanField(denoiser, n);
    double[] times = grid(denoiser.path());
    double[] previous = new double[x.length];
    double[] older = new double[x.length];
    double previousH = 0;
    double olderH = 0;
    int history = 0;
    listener.onStep(0, times[0], x, n, dim);
    for (int i = 0; i < steps; i++) {
      PathPoint now = field.estimate(times[i], x);
      PathPoint next = denoiser.path().at(times[i + 1]);
      double decay = (now.a * next.b) / (next.a * now.b); // e^{−h}
      double h = -Math.log(decay);
      int k = next.b == 0 ? 1 : stepOrder(order, i, steps, history);
      double r0 = previousH / h;
      double r1 = olderH / h;
      double phi2 = (decay - 1 + h) / h;
      double c3 = 1 - 2 * phi2 / h;
      double squeeze = decay * decay; // e^{−2h}
      double noise = next.b * Math.sqrt(Math.max(0, 1 - squeeze));
      for (int j = 0; j < x.length; j++) {
        double clean = field.x0[j];
        if (stochastic) {
          double d = k >= 2 ? clean + (clean - previous[j]) / (2 * r0) : clean;
          x[j] =
              decay * (next.b / now.b) * x[j] // e^{−2h}·(a_s/a_t)·x_t, finite at a_t = 0
                  + next.a * (1 - squeeze) * d
                  + (next.b > 0 ? noise * rng.nextGaussian() : 0);
        } else if (order == 2) {
          double d = k >= 2 ? clean + (clean - previous[j]) / (2 * r0) : clean;
          x[j] = (next.b / now.b) * x[j] - next.a * (decay - 1) * d;
        } else {
          double update = (1 - decay) * clean;
          if (k == 2) {
            update += phi2 * (clean - previous[j]) / r0;
          } else if (k == 3) {
            double d10 = (clean - previous[j]) / r0;
            double d11 = (previous[j] - older[j]) / r1;
            double d1 = d10 + (d10 - d11) * r0 / (r0 + r1);
            double d2 = (d10 - d11) / (r0 + r1);
            update += phi2 * d1 + c3 * d2;
          }
          x[j] = (next.b / now.b) * x[j] + next.a * update;
        }
        older[j] = previous[j];
        previous[j] = clean;
      }
      olderH = previousH;
      previousH = h;
      history = Double.isInfinite(h) ? 0 : history + 1;
      listener.onStep(i + 1, next.t, x, n, dim);
    }
  }
}
