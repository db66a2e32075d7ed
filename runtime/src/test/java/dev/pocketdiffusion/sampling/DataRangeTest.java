package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import org.junit.jupiter.api.Test;

/**
 * The cosine schedule ends at a(1) ≈ 3e-5, so an ε-error of 0.01 becomes an x̂0 error of ~300 at
 * the first step. Clamping x̂0 to the data's range must contain that.
 */
class DataRangeTest {
  private static final double[] MEAN = {0.5, -0.5};

  /**
   * The exact Gaussian denoiser plus an error of size 0.01 that varies from point to point, like a
   * network's.
   */
  private static Denoiser slightlyWrong(AffinePath path, DataRange range) {
    GaussianDenoiser exact = new GaussianDenoiser(path, MEAN, 0.5);
    return new TestDenoiser(
        path,
        Prediction.EPSILON,
        2,
        range,
        (x, t, n, out) -> {
          exact.predict(x, t, n, out);
          for (int i = 0; i < out.length; i++) {
            out[i] += 0.01 * Math.sin(97 * x[i]);
          }
        });
  }

  private static double std(Points p, int j) {
    double mean = 0;
    for (int i = 0; i < p.size(); i++) {
      mean += p.get(i, j);
    }
    mean /= p.size();
    double var = 0;
    for (int i = 0; i < p.size(); i++) {
      var += Math.pow(p.get(i, j) - mean, 2);
    }
    return Math.sqrt(var / (p.size() - 1));
  }

  private static double maxAbs(Points p) {
    double m = 0;
    for (double v : p.data()) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Test
  void clampingContainsTheCosineSchedulesIllConditionedFirstStep() {
    VpPath cosine = VpPath.of(VpSchedule.COSINE, 1000);
    Points unclamped =
        Sampling.generate(slightlyWrong(cosine, null), Samplers.create("ddim", 50), 500, 1);
    DataRange range = new DataRange(new double[] {-2, -2}, new double[] {2, 2});
    Points clamped =
        Sampling.generate(slightlyWrong(cosine, range), Samplers.create("ddim", 50), 500, 1);
    assertTrue(
        std(unclamped, 0) > 2 * 0.5,
        "without clamping the spread is inflated: std " + std(unclamped, 0));
    assertTrue(
        Math.abs(std(clamped, 0) - 0.5) < 0.1 * 0.5,
        "clamped samples have the data's spread: std " + std(clamped, 0));
    assertTrue(
        maxAbs(clamped) <= 2 + 1e-9,
        "clamped samples stay in the box: max |x| = " + maxAbs(clamped));
  }

  @Test
  void aroundWidensTheBoundingBox() {
    DataRange r = DataRange.around(new Points(2, 2, new double[] {0, 1, 2, 5}), 0.1);
    assertTrue(r.min()[0] == -0.2 && r.max()[0] == 2.2 && r.min()[1] == 0.6 && r.max()[1] == 5.4);
  }
}
