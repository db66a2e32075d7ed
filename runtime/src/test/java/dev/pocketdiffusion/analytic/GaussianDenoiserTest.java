package dev.pocketdiffusion.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianDenoiserTest {
  private static final double[] MEAN = {1.5, -0.5};
  private static final double STD = 0.4;

  private static double[] predict(AffinePath path, Prediction prediction, double[] x, double t) {
    double[] out = new double[2];
    new GaussianDenoiser(path, MEAN, STD, prediction).predict(x, new double[] {t}, 1, out);
    return out;
  }

  /** The three predictions are one posterior: each converts to the same x̂0 and x̂1. */
  @Test
  void everyPredictionImpliesTheSamePosteriorMeans() {
    Random rng = new Random(2);
    for (AffinePath path :
        new AffinePath[] {
          VpPath.of(VpSchedule.COSINE, 1000),
          VePath.of(VeSchedule.GEOMETRIC),
          new FlowPath(BaseDistribution.GAUSSIAN)
        }) {
      for (int trial = 0; trial < 50; trial++) {
        double t = 0.01 + 0.98 * rng.nextDouble();
        PathPoint p = path.at(t);
        double[] x = {3 * rng.nextGaussian(), 3 * rng.nextGaussian()};
        double[] eps = predict(path, Prediction.EPSILON, x, t);
        double[] x0 = predict(path, Prediction.X0, x, t);
        double[] v = predict(path, Prediction.VELOCITY, x, t);
        for (int j = 0; j < 2; j++) {
          assertEquals(
              x0[j], Prediction.EPSILON.x0(x[j], eps[j], p), 1e-9, path.process() + " ε → x0");
          assertEquals(
              x0[j], Prediction.VELOCITY.x0(x[j], v[j], p), 1e-9, path.process() + " v → x0");
          assertEquals(
              eps[j], Prediction.X0.noise(x[j], x0[j], p), 1e-9, path.process() + " x0 → ε");
          assertEquals(
              x[j], p.a * x0[j] + p.b * eps[j], 1e-9, path.process() + " x = a·x̂0 + b·x̂1");
        }
      }
    }
  }

  /** Where a = 0 the point carries no information about the data: x̂0 is the data mean. */
  @Test
  void predictsTheDataMeanWhereTheSignalIsGone() {
    double[] x0 =
        predict(new FlowPath(BaseDistribution.GAUSSIAN), Prediction.X0, new double[] {0.3, 2}, 1.0);
    assertEquals(MEAN[0], x0[0], 0);
    assertEquals(MEAN[1], x0[1], 0);
  }

  /**
   * x̂0 = E[x0 | x_t], checked by regression on draws: the mean of x0 over draws whose x_t lands
   * near a point.
   */
  @Test
  void cleanPredictionIsThePosteriorMean() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    PathPoint p = path.at(0.3);
    Random rng = new Random(9);
    double target = 0.9;
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double x0 = MEAN[0] + STD * rng.nextGaussian();
      double xt = p.a * x0 + p.b * rng.nextGaussian();
      if (Math.abs(xt - target) < 0.01) {
        sum += x0;
        sumSq += x0 * x0;
        count++;
      }
    }
    double mean = sum / count;
    double se = Math.sqrt((sumSq / count - mean * mean) / count);
    double[] predicted = predict(path, Prediction.X0, new double[] {target, 0}, 0.3);
    assertTrue(count > 1000, "enough draws near the point: " + count);
    assertEquals(predicted[0], mean, 5 * se, "posterior mean from " + count + " draws");
  }

  @Test
  void rejectsANonGaussianBase() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new GaussianDenoiser(
                    new FlowPath(BaseDistribution.ANNULUS), MEAN, STD, Prediction.VELOCITY));
    assertEquals(
        "the Gaussian denoiser's formulas assume an N(0, I) base, got annulus; use a path with the gaussian base",
        e.getMessage());
  }

  @Test
  void theThreeArgumentConstructorPredictsNoise() {
    assertEquals(
        Prediction.EPSILON,
        new GaussianDenoiser(VpPath.of(VpSchedule.LINEAR, 1000), MEAN, STD).prediction());
  }
}
