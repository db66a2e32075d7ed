package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Dormand–Prince on the flow path with Gaussian data N(1.5, 0.4²), where the exact end point of a
 * start x1 is {@code 1.5 + 0.4·x1}. Each accepted step keeps its estimated local error, as an RMS
 * over the coordinates, below {@code atol + rtol·|x|}; so the global RMS error should stay below
 * {@code steps·(atol + rtol·max|x|)}, which is the bound checked here.
 */
class AdaptiveSamplerTest {
  private static final int N = 64;

  /** {error, model calls reported, model calls counted, accepted steps}. */
  private static double[] run(double tolerance) {
    CountingDenoiser denoiser =
        new CountingDenoiser(
            new GaussianDenoiser(
                new FlowPath(BaseDistribution.GAUSSIAN),
                new double[] {1.5},
                0.4,
                Prediction.VELOCITY));
    double[] start = new double[N];
    Random rng = new Random(5);
    for (int i = 0; i < N; i++) {
      start[i] = rng.nextGaussian();
    }
    double[] x = start.clone();
    int[] steps = new int[1];
    Sampler sampler =
        Samplers.create("adaptive", 1, 0, TimestepSpacing.LINSPACE, tolerance, tolerance);
    assertEquals(0, sampler.modelCalls(), "no calls before a run");
    sampler.sample(denoiser, x, N, rng, (step, t, state, n, dim) -> steps[0] = step);
    double squares = 0;
    double largest = 0;
    for (int i = 0; i < N; i++) {
      squares += Math.pow(x[i] - (1.5 + 0.4 * start[i]), 2);
      largest = Math.max(largest, Math.abs(x[i]));
    }
    double bound = steps[0] * (tolerance + tolerance * largest);
    return new double[] {
      Math.sqrt(squares / N) / bound, sampler.modelCalls(), denoiser.calls(), steps[0]
    };
  }

  @Test
  void errorStaysWithinTheToleranceBound() {
    for (double tolerance : new double[] {1e-4, 1e-6, 1e-8}) {
      double[] result = run(tolerance);
      assertTrue(
          result[0] <= 1,
          "tolerance " + tolerance + ": RMS error is " + result[0] + " of the bound");
    }
  }

  /**
   * Issue 17, defect 1: on vp with centred data the velocity at t = 1 is near zero, and Commons
   * Math's first-step probe left [0, 1] (path time −25.95). The run must finish, and on Gaussian
   * data N(0, 0.3²) its end points are the exact ODE map {@code x0 = (0.3/σ1)·x1}, σ1² = a1²·0.09 +
   * b1², to within what the spline's kinks of vp's last segment leave (1e-3).
   */
  @Test
  void runsOnVpWithCentredData() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    GaussianDenoiser denoiser = new GaussianDenoiser(path, new double[] {0, 0}, 0.3);
    double[] start = new double[2 * N];
    Random rng = new Random(3);
    for (int i = 0; i < start.length; i++) {
      start[i] = rng.nextGaussian();
    }
    double[] x = start.clone();
    Samplers.create("adaptive", 1).sample(denoiser, x, N, rng, StepListener.NONE);
    PathPoint one = path.at(1.0);
    double ratio = 0.3 / Math.sqrt(one.a * one.a * 0.09 + one.b * one.b);
    for (int i = 0; i < x.length; i++) {
      assertEquals(ratio * start[i], x[i], 1e-3, "coordinate " + i);
    }
  }

  @Test
  void reportsItsModelCallsAndTighterTolerancesCostMore() {
    int previous = 0;
    for (double tolerance : new double[] {1e-4, 1e-6, 1e-8}) {
      double[] result = run(tolerance);
      int calls = (int) result[1];
      assertEquals(result[2], calls, "reported calls are the denoiser's calls");
      // Dormand–Prince evaluates 6 new stages per attempted step (the 7th is reused), plus its
      // start
      assertTrue(
          calls >= 6 * result[3] && calls <= 6 * 3 * result[3] + 2,
          "tolerance " + tolerance + ": " + calls + " calls for " + result[3] + " accepted steps");
      assertTrue(
          calls > previous, "tolerance " + tolerance + " needs more calls than the looser one");
      previous = calls;
    }
  }
}
