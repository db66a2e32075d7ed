package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingOptionsTest {
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
  void everyOptimisationOptionTrainsAndExports() throws Exception {
    TrainingConfig config = new TrainingConfig();
    config.lossWeighting = "min-snr:5";
    config.timeSampling = "logit-normal";
    config.augment = "rotate,scale,translate";
    config.warmupSteps = 10;
    config.steps = 40;
    config.batchSize = 64;
    config.datasetSize = 500;
    Map<String, Double> metrics =
        new TrainingJob(config, new File(dir.toFile(), "run"), Device.cpu()).run().metrics();
    assertTrue(metrics.get("parity_max_abs_diff") <= 1e-4);
    assertTrue(Double.isFinite(metrics.get("mmd2")));
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
}
