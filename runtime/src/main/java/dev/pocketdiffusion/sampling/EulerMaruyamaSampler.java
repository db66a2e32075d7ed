package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.PathPoint;
import java.util.Random;

/**
 * Euler–Maruyama on the reverse-time SDE of an affine path with a Gaussian base. The forward SDE
 * {@code dx = f·x dt + g dW} with {@code f = a'/a} and {@code g² = 2·b·b' − 2·(a'/a)·b²} has the
 * path's marginals, and its reverse step from t to s &lt; t is {@code x ← x − (f·x − g²·score)·(t −
 * s) + g·√(t − s)·z} with {@code score = −x̂1/b}, all taken at t. Two steps are the deterministic
 * DDIM jump {@code x ← a_s·x̂0 + b_s·x̂1} instead: the last one, so the run ends on the
 * x̂0-consistent point without fresh noise, and a first one from a(t) = 0 (flow at t = 1), where f
 * and g are infinite. One model call per step. Where a(1) is tiny but not 0 (cosine vp: 3e-5 after
 * a last β of 0.999) the first step overshoots, which the reverse SDE then forgets: its moments
 * still come out right at 500 steps.
 */
public final class EulerMaruyamaSampler extends FixedStepSampler {

  /** Euler–Maruyama with {@code steps} steps. */
  public EulerMaruyamaSampler(int steps, TimestepSpacing spacing) {
    super("euler-maruyama", steps, spacing);
  }

  @Override
  public int modelCalls() {
    return steps;
  }

  @Override
  public boolean isStochastic() {
    return true;
  }

  @Override
  public void sample(Denoiser denoiser, double[] x, int n, Random rng, StepListener listener) {
    Sampling.check(this, denoiser);
    int dim = denoiser.dimension();
    CleanField field = new CleanField(denoiser, n);
    double[] times = grid(denoiser.path());
    listener.onStep(0, times[0], x, n, dim);
    for (int i = 0; i < steps; i++) {
      PathPoint now = field.estimate(times[i], x);
      PathPoint next = denoiser.path().at(times[i + 1]);
      if (i == steps - 1 || now.a == 0) {
        for (int j = 0; j < x.length; j++) {
          x[j] = next.a * field.x0[j] + next.b * field.x1[j];
        }
      } else {
        double h = now.t - next.t;
        double f = now.da / now.a;
        double g2 = 2 * now.b * now.db - 2 * f * now.b * now.b;
        double noiseScale = Math.sqrt(g2 * h);
        for (int j = 0; j < x.length; j++) {
          double score = -field.x1[j] / now.b;
          x[j] -= (f * x[j] - g2 * score) * h;
          x[j] += noiseScale * rng.nextGaussian();
        }
      }
      listener.onStep(i + 1, next.t, x, n, dim);
    }
  }
}
