package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LossWeighting}: min-SNR weights, weight tables and their errors, as training draws them.
 */
class LossWeightingTest {
  @TempDir Path dir;

  @Test
  void minSnrWeightsMatchHangEtAlForEpsilonAndX0() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    for (Prediction prediction : new Prediction[] {Prediction.EPSILON, Prediction.X0}) {
      TimeSampler sampler = new TimeSampler(path, prediction, "uniform", "min-snr:5");
      Random rng = new Random(1);
      for (int i = 0; i < 200; i++) {
        TimeSampler.Draw d = sampler.draw(rng);
        double snr = d.a * d.a / (d.b * d.b);
        double expected =
            prediction == Prediction.EPSILON ? Math.min(snr, 5) / snr : Math.min(snr, 5);
        assertEquals(expected, d.lossWeight, 1e-5 * Math.max(1, expected));
      }
    }
  }

  @Test
  void tableWeightsFollowTheFileLinearlyInTime() throws Exception {
    File table = new File(dir.toFile(), "w.csv");
    Files.writeString(table.toPath(), "t,weight\n0,4\n0.5,2\n1,1\n");
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    TimeSampler sampler = new TimeSampler(path, Prediction.EPSILON, "uniform", "table:" + table);
    Random rng = new Random(3);
    for (int i = 0; i < 200; i++) {
      TimeSampler.Draw d = sampler.draw(rng);
      double t = (d.networkTime + 1) / 1000.0; // network time k ↔ t = (k + 1)/T
      double expected = t <= 0.5 ? 4 - 4 * t : 2 - 2 * (t - 0.5);
      assertEquals(expected, d.lossWeight, 1e-5);
    }
  }

  @Test
  void aBadWeightTableIsNamedWithItsLine() throws Exception {
    File table = new File(dir.toFile(), "bad.csv");
    Files.writeString(table.toPath(), "t,weight\n0.2,1\n0.1,1\n");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new TimeSampler(
                    VpPath.of(VpSchedule.LINEAR, 1000),
                    Prediction.EPSILON,
                    "uniform",
                    "table:" + table));
    assertTrue(e.getMessage().startsWith(table + ":3: t must increase"), e.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TimeSampler(
                    VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, "uniform", "snr"));
    assertTrue(unknown.getMessage().contains("table:FILE.csv"), unknown.getMessage());
  }
}
