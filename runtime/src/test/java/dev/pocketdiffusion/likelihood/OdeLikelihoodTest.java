package dev.pocketdiffusion.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probability-flow ODE on Gaussian data N(μ, s²I) with the exact denoiser. Two bars: the
 * issue's 0.05 nats against the data density log N(x; μ, s²I) itself, which also absorbs the
 * smoothing at ε and the base approximation a(1)·μ ≈ 0; and 1e-3 nats against what the method
 * computes in exact arithmetic ({@link GaussianData#odeValue}), which isolates the solver.
 */
class OdeLikelihoodTest {
  private static final double[] MEAN = {1, -0.5};
  private static final double STD = 0.4;

  /** From μ itself out to 4 standard deviations. */
  private static final double[] OFFSETS = {0, 0.3, 1, 2, 3, 4};

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
    "vp-linear, x0",
    "vp-cosine, epsilon",
    "flow, velocity",
    "flow, epsilon",
    "ve-geometric, epsilon"
  })
  void matchesTheGaussianLogDensity(String name, String prediction) {
    // VE starts from σmax·N(0, I) = 10·N(0, I): its base approximation holds for data centred at 0
    double[] mean = name.startsWith("ve") ? new double[] {0, 0} : MEAN;
    GaussianData data = new GaussianData(path(name), mean, STD);
    Points points = data.around(OFFSETS);
    OdeLikelihood ode = new OdeLikelihood(data.denoiser(Prediction.parse(prediction)));
    LikelihoodResult result = ode.estimate(points);
    for (int i = 0; i < points.size(); i++) {
      double[] x = GaussianData.row(points, i);
      String where = name + " " + prediction + ", " + OFFSETS[i] + " s from the mean";
      assertEquals(data.logDensity(x), result.logP(i), 0.05, where + ": against the data density");
      assertEquals(
          data.odeValue(x, ode.startTime()),
          result.logP(i),
          1e-3,
          where + ": against the exact solve");
      assertEquals(0, result.standardError(i));
    }
  }

  @Test
  void worksInThreeDimensions() {
    GaussianData data =
        new GaussianData(VpPath.of(VpSchedule.LINEAR, 1000), new double[] {0.5, -0.3, 0.8}, 0.7);
    Points points = data.around(0, 1, 3);
    OdeLikelihood ode = new OdeLikelihood(data.denoiser());
    LikelihoodResult result = ode.estimate(points);
    for (int i = 0; i < points.size(); i++) {
      double[] x = GaussianData.row(points, i);
      assertEquals(data.logDensity(x), result.logP(i), 0.05, "point " + i);
      assertEquals(
          data.odeValue(x, ode.startTime()), result.logP(i), 1e-3, "point " + i + ": exact solve");
    }
  }

  @Test
  void isDeterministicAndCountsItsCalls() {
    GaussianData data = new GaussianData(VpPath.of(VpSchedule.LINEAR, 1000), MEAN, STD);
    Points points = data.around(OFFSETS);
    LikelihoodResult a = new OdeLikelihood(data.denoiser()).estimate(points);
    LikelihoodResult b = new OdeLikelihood(data.denoiser()).estimate(points);
    for (int i = 0; i < points.size(); i++) {
      assertEquals(a.logP(i), b.logP(i), 0.0);
    }
    assertEquals(a.modelCalls(), b.modelCalls());
    // Dormand–Prince makes 6 evaluations per step after the first, so a few dozen here
    assertTrue(a.modelCalls() > 6 && a.modelCalls() < 200, "calls: " + a.modelCalls());
  }

  @Test
  void tighterToleranceConvergesOnTheExactSolve() {
    GaussianData data = new GaussianData(VpPath.of(VpSchedule.LINEAR, 1000), MEAN, STD);
    Points points = data.around(OFFSETS);
    double loose = worstSolverError(data, points, 1e-3);
    double tight = worstSolverError(data, points, 1e-7);
    assertTrue(
        tight < 1e-5 && tight < loose / 10, "error " + tight + " at 1e-7 vs " + loose + " at 1e-3");
  }

  private static double worstSolverError(GaussianData data, Points points, double tolerance) {
    double startTime = StartTime.DEFAULT;
    LikelihoodResult result =
        new OdeLikelihood(data.denoiser(), startTime, ProbabilityFlow.DEFAULT_STEP, tolerance)
            .estimate(points);
    double worst = 0;
    for (int i = 0; i < points.size(); i++) {
      worst =
          Math.max(
              worst,
              Math.abs(result.logP(i) - data.odeValue(GaussianData.row(points, i), startTime)));
    }
    return worst;
  }

  @Test
  void rejectsPointsOfAnotherDimension() {
    GaussianData data = new GaussianData(VpPath.of(VpSchedule.LINEAR, 1000), MEAN, STD);
    Points threeD = new Points(1, 3, new double[3]);
    assertThrows(
        IllegalArgumentException.class, () -> new OdeLikelihood(data.denoiser()).estimate(threeD));
  }

  @Test
  void startsAtTheFirstTrainingTimeOfACoarseDiscretePath() {
    assertEquals(1e-3, StartTime.of(VpPath.of(VpSchedule.LINEAR, 1000)), 0.0);
    assertEquals(0.01, StartTime.of(VpPath.of(VpSchedule.LINEAR, 100)), 0.0);
    assertEquals(1e-3, StartTime.of(new FlowPath(BaseDistribution.GAUSSIAN)), 0.0);
  }

  @Test
  void sameDataGivesTheSameAnswerInAnyBatch() {
    GaussianData data = new GaussianData(VpPath.of(VpSchedule.COSINE, 1000), MEAN, STD);
    Points all = data.around(OFFSETS);
    LikelihoodResult together = new OdeLikelihood(data.denoiser()).estimate(all);
    LikelihoodResult alone = new OdeLikelihood(data.denoiser()).estimate(all.head(1));
    // the batch shares its step sizes, so results agree to the solver tolerance, not bit for bit
    assertEquals(together.logP(0), alone.logP(0), 1e-3);
  }
}
