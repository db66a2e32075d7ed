package dev.pocketdiffusion.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.TestDenoiser;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The velocity and its finite-difference divergence against closed forms. */
class ProbabilityFlowTest {
  private static final AffinePath[] PATHS = {
    VpPath.of(VpSchedule.LINEAR, 1000),
    VpPath.of(VpSchedule.COSINE, 1000),
    new FlowPath(BaseDistribution.GAUSSIAN),
    VePath.of(VeSchedule.GEOMETRIC)
  };

  @Test
  void velocityAndDivergenceMatchTheGaussianClosedForm() {
    Random rng = new Random(1);
    for (AffinePath path : PATHS) {
      GaussianData data = new GaussianData(path, new double[] {1.5, -0.5, 0.25}, 0.4);
      ProbabilityFlow flow = new ProbabilityFlow(data.denoiser(), ProbabilityFlow.DEFAULT_STEP);
      int n = 5;
      double[] x = new double[n * 3];
      for (int k = 0; k < x.length; k++) {
        x[k] = 3 * rng.nextGaussian();
      }
      double[] velocity = new double[n * 3];
      double[] divergence = new double[n];
      for (double t : new double[] {0.001, 0.02, 0.3, 0.77, 0.999}) {
        PathPoint p = path.at(t);
        flow.evaluate(x, t, n, velocity, divergence);
        for (int i = 0; i < n; i++) {
          double[] xi = {x[3 * i], x[3 * i + 1], x[3 * i + 2]};
          String where = path.process() + " t=" + t + " point " + i;
          for (int j = 0; j < 3; j++) {
            double expected = data.velocity(xi, j, p);
            assertEquals(expected, velocity[3 * i + j], 1e-9 * (1 + Math.abs(expected)), where);
          }
          double exact = data.divergence(p);
          assertEquals(exact, divergence[i], 1e-7 * (1 + Math.abs(exact)), where + " divergence");
        }
      }
    }
  }

  @Test
  void divergenceOfACurvedFieldIsSecondOrderInTheStep() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    Denoiser denoiser = curved(path);
    double t = 0.3;
    double[] x = {0.4, -1.1, 1.5, 1.5};
    double[] exact = curvedDivergence(x, path.at(t));
    double[] coarse = errors(new ProbabilityFlow(denoiser, 1e-2), x, t, exact);
    double[] fine = errors(new ProbabilityFlow(denoiser, 1e-3), x, t, exact);
    for (int i = 0; i < 2; i++) {
      assertTrue(
          coarse[i] > 1e-6, "point " + i + ": the field is curved, so h = 1e-2 must show an error");
      // error ∝ h²: a tenth of the step gives a hundredth of the error
      assertTrue(
          fine[i] < coarse[i] / 50,
          "point " + i + ": " + fine[i] + " at 1e-3 vs " + coarse[i] + " at 1e-2");
    }
  }

  private static double[] errors(ProbabilityFlow flow, double[] x, double t, double[] exact) {
    double[] divergence = new double[2];
    flow.evaluate(x, t, 2, new double[4], divergence);
    return new double[] {Math.abs(divergence[0] - exact[0]), Math.abs(divergence[1] - exact[1])};
  }

  @Test
  void makesOneDenoiserCallOfAllShiftedPointsPerEvaluation() {
    int[] calls = {0};
    int[] rows = {0};
    GaussianData data =
        new GaussianData(VpPath.of(VpSchedule.LINEAR, 1000), new double[] {0, 0, 0}, 1);
    Denoiser inner = data.denoiser();
    Denoiser counting =
        new TestDenoiser(
            inner.path(),
            inner.prediction(),
            3,
            (x, t, n, out) -> {
              calls[0]++;
              rows[0] = n;
              inner.predict(x, t, n, out);
            });
    ProbabilityFlow flow = new ProbabilityFlow(counting, 1e-3);
    flow.evaluate(new double[12], 0.5, 4, new double[12], new double[4]);
    assertEquals(1, calls[0]);
    assertEquals(4 * (2 * 3 + 1), rows[0]);
    assertEquals(1, flow.calls());
  }

  /** An ε-predictor {@code ε̂_j = tanh(x_j + ½·x_{j+1})} (cyclic) in 2-D. */
  private static Denoiser curved(AffinePath path) {
    return new TestDenoiser(
        path,
        Prediction.EPSILON,
        2,
        (x, t, n, out) -> {
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
              out[2 * i + j] = Math.tanh(x[2 * i + j] + 0.5 * x[2 * i + (j + 1) % 2]);
            }
          }
        });
  }

  /**
   * The divergence of {@link #curved}'s velocity a'·(x − b·ε̂)/a + b'·ε̂ at two points {@code x}:
   * {@code Σ_j [a'/a + (b' − a'·b/a)·sech²(·)]}.
   */
  private static double[] curvedDivergence(double[] x, PathPoint p) {
    double[] result = new double[2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double c = Math.cosh(x[2 * i + j] + 0.5 * x[2 * i + (j + 1) % 2]);
        result[i] += p.da / p.a + (p.db - p.da * p.b / p.a) / (c * c);
      }
    }
    return result;
  }
}
