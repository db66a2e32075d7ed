package dev.pocketdiffusion.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PredictionTest {

  @Test
  void everyPredictionRecoversDataAndNoiseFromItsTarget() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    Random rng = new Random(3);
    for (Prediction prediction : Prediction.values()) {
      for (int trial = 0; trial < 200; trial++) {
        PathPoint p = path.at(0.01 + 0.98 * rng.nextDouble());
        double x0 = 2 * rng.nextGaussian();
        double x1 = rng.nextGaussian();
        double x = p.a * x0 + p.b * x1;
        double target =
            prediction.targetWeightOfData(p) * x0 + prediction.targetWeightOfNoise(p) * x1;
        assertEquals(x0, prediction.x0(x, target, p), 1e-9, prediction + " x0");
        assertEquals(x1, prediction.noise(x, target, p), 1e-9, prediction + " noise");
        assertEquals(
            p.da * x0 + p.db * x1,
            prediction.velocity(x, target, p),
            1e-8,
            prediction + " velocity");
      }
    }
  }

  @Test
  void parsesCommandLineNames() {
    assertEquals(Prediction.EPSILON, Prediction.parse("epsilon"));
    assertEquals(Prediction.X0, Prediction.parse("x0"));
    assertEquals(Prediction.VELOCITY, Prediction.parse("velocity"));
  }

  @Test
  void dataSensitivityIsTheDerivativeOfThePredictionInX0() {
    PathPoint p = VpPath.of(VpSchedule.COSINE, 1000).at(0.4);
    for (Prediction prediction : Prediction.values()) {
      double x1 = 0.3;
      double h = 1e-6;
      // at fixed x, moving x0 by h moves the implied x1 by −a·h/b
      double x0 = 0.7;
      double x = p.a * x0 + p.b * x1;
      double before =
          prediction.targetWeightOfData(p) * x0 + prediction.targetWeightOfNoise(p) * x1;
      double x1After = (x - p.a * (x0 + h)) / p.b;
      double after =
          prediction.targetWeightOfData(p) * (x0 + h) + prediction.targetWeightOfNoise(p) * x1After;
      assertEquals(
          (after - before) / h, prediction.dataSensitivity(p), 1e-5, prediction.toString());
    }
  }

  @Test
  void onlyEpsilonOnAPathThatEndsInPureNoiseCannotBeSampled() {
    AffinePath flow = new FlowPath(BaseDistribution.GAUSSIAN);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Prediction.EPSILON.checkSamplableOn(flow));
    assertTrue(e.getMessage().contains("a(1) = 0"), e.getMessage());
    assertTrue(e.getMessage().contains("flow path"), e.getMessage());
    Prediction.VELOCITY.checkSamplableOn(flow);
    Prediction.X0.checkSamplableOn(flow);
    Prediction.EPSILON.checkSamplableOn(VpPath.of(VpSchedule.LINEAR, 1000));
    Prediction.EPSILON.checkSamplableOn(VePath.of(VeSchedule.EXP));
  }
}
