package dev.pocketdiffusion.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.TestDenoiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The VDM bound on Gaussian data N(μ, s²I) with the exact denoiser, where its expectation is a
 * one-dimensional integral ({@link GaussianData#elboValue}). The exact bound sits within 0.01 nats
 * of log N(x; μ, s²I), above it by up to 0.009 at 4–5 s: it bounds the model, whose decoder adds
 * variance (b(ε)/a(ε))² and whose prior ignores a(1)·μ, so its far tail is slightly heavier.
 */
class ElboLikelihoodTest {
  private static final double[] MEAN = {1, -0.5};
  private static final double STD = 0.4;
  private static final double[] OFFSETS = {0, 1, 2.5, 4};
  private static final double MODEL_GAP = 0.01;

  private static AffinePath path(String name) {
    switch (name) {
      case "vp-linear":
        return VpPath.of(VpSchedule.LINEAR, 1000);
      case "vp-cosine":
        return VpPath.of(VpSchedule.COSINE, 1000);
      case "flow":
        return new FlowPath(BaseDistribution.GAUSSIAN);
      default:
        return VePath.of(VeSchedule.GEOMETRIC);
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({
    "vp-linear, epsilon",
    "vp-cosine, epsilon",
    "flow, velocity",
    "ve-geometric, epsilon"
  })
  void boundsTheGaussianLogDensityClosely(String name, String prediction) {
    double[] mean = name.startsWith("ve") ? new double[] {0, 0} : MEAN;
    GaussianData data = new GaussianData(path(name), mean, STD);
    Points points = data.around(OFFSETS);
    LikelihoodResult result =
        new ElboLikelihood(data.denoiser(Prediction.parse(prediction)), 10_000, 5).estimate(points);
    for (int i = 0; i < points.size(); i++) {
      double[] x = GaussianData.row(points, i);
      double se = result.standardError(i);
      String where =
          name
              + " "
              + prediction
              + ", "
              + OFFSETS[i]
              + " s from the mean (standard error "
              + se
              + ")";
      assertTrue(se > 0 && se < 0.06, where + ": standard error");
      double bound = data.elboValue(x, StartTime.DEFAULT, -30);
      assertEquals(bound, result.logP(i), 4 * se, where + ": against the exact expected bound");
      assertEquals(data.logDensity(x), bound, MODEL_GAP, where + ": exact bound against log p");
      assertTrue(
          result.logP(i) <= data.logDensity(x) + MODEL_GAP + 4 * se, where + ": a lower bound");
    }
  }

  @Test
  void standardErrorsMatchTheSpreadAcrossSeeds() {
    GaussianData data = new GaussianData(path("vp-linear"), MEAN, STD);
    Points points = data.around(0.5, 3);
    int seeds = 40;
    double[] sum = new double[2];
    double[] sumOfSquares = new double[2];
    double[] reported = new double[2];
    for (int seed = 0; seed < seeds; seed++) {
      LikelihoodResult result = new ElboLikelihood(data.denoiser(), 400, seed).estimate(points);
      for (int i = 0; i < 2; i++) {
        sum[i] += result.logP(i);
        sumOfSquares[i] += result.logP(i) * result.logP(i);
        reported[i] += result.standardError(i) / seeds;
      }
    }
    for (int i = 0; i < 2; i++) {
      double spread = Math.sqrt((sumOfSquares[i] - sum[i] * sum[i] / seeds) / (seeds - 1));
      // with 40 seeds the sample spread is within ±25% of the truth with 95% probability
      assertTrue(
          spread / reported[i] > 0.6 && spread / reported[i] < 1.5,
          "point " + i + ": spread " + spread + ", reported " + reported[i]);
    }
  }

  @Test
  void isReproducibleFromItsSeed() {
    GaussianData data = new GaussianData(path("vp-linear"), MEAN, STD);
    Points points = data.around(OFFSETS);
    LikelihoodResult a = new ElboLikelihood(data.denoiser(), 50, 3).estimate(points);
    LikelihoodResult b = new ElboLikelihood(data.denoiser(), 50, 3).estimate(points);
    LikelihoodResult c = new ElboLikelihood(data.denoiser(), 50, 4).estimate(points);
    for (int i = 0; i < points.size(); i++) {
      assertEquals(a.logP(i), b.logP(i), 0.0);
      assertEquals(a.standardError(i), b.standardError(i), 0.0);
      assertNotEquals(a.logP(i), c.logP(i));
    }
    assertEquals(50, a.modelCalls());
  }

  @Test
  void aSingleDrawHasNoStandardError() {
    GaussianData data = new GaussianData(path("vp-linear"), MEAN, STD);
    LikelihoodResult result = new ElboLikelihood(data.denoiser(), 1, 0).estimate(data.around(0));
    assertTrue(Double.isFinite(result.logP(0)));
    assertTrue(Double.isNaN(result.standardError(0)));
  }

  @Test
  void rejectsBadArguments() {
    Denoiser annulus =
        TestDenoiser.neverCalled(new FlowPath(BaseDistribution.ANNULUS), Prediction.VELOCITY, 2);
    IllegalArgumentException base =
        assertThrows(IllegalArgumentException.class, () -> new ElboLikelihood(annulus, 10, 0));
    assertTrue(base.getMessage().contains("Gaussian base"), base.getMessage());
    GaussianData data = new GaussianData(path("vp-linear"), MEAN, STD);
    assertThrows(IllegalArgumentException.class, () -> new ElboLikelihood(data.denoiser(), 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ElboLikelihood(data.denoiser(), 10, 0).estimate(new Points(1, 3, new double[3])));
  }
}
