package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TimeSampler}: the distribution of training times. */
class TimeSamplerTest {
  @Test
  void logitNormalTimesConcentrateInTheMiddle() {
    TimeSampler sampler =
        new TimeSampler(
            VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, "logit-normal", "none");
    Random rng = new Random(2);
    int middle = 0;
    for (int i = 0; i < 10_000; i++) {
      float k = sampler.draw(rng).networkTime;
      middle += (k >= 250 && k < 750) ? 1 : 0;
    }
    // P(|N(0,1)| < logit(0.75) = 1.0986) = 0.7275; uniform would give 0.5
    assertEquals(0.7275, middle / 10_000.0, 0.02);
  }

  @Test
  void eulerGridDrawsOnlyTheTimesAnEulerSamplerVisits() {
    TimeSampler sampler =
        new TimeSampler(
            new dev.pocketdiffusion.paths.FlowPath(
                dev.pocketdiffusion.paths.BaseDistribution.GAUSSIAN),
            Prediction.VELOCITY,
            "euler:2",
            "none");
    Random rng = new Random(3);
    int atOne = 0;
    for (int i = 0; i < 1000; i++) {
      float t = sampler.draw(rng).networkTime;
      assertTrue(t == 1000f || t == 500f, "network time " + t);
      atOne += t == 1000f ? 1 : 0;
    }
    assertEquals(500, atOne, 60);
  }

  @Test
  void eulerGridNeedsAStepCount() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new TimeSampler(
                VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, "euler:0", "none"));
  }
}
