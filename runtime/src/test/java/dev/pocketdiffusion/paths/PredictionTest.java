package dev.pocketdiffusion.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
