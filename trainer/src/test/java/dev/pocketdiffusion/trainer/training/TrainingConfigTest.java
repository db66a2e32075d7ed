package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VpPath;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainingConfig}: its path, its checks of every field, and a run with every option. */
class TrainingConfigTest {
  @TempDir Path dir;

  @Test
  void theDefaultsPassAndTrainOnTheLinearVpPath() {
    TrainingConfig config = new TrainingConfig();
    config.validate();
    VpPath path = (VpPath) config.path();
    assertEquals("linear", path.schedule().cliName());
    assertEquals(1000, path.numTimesteps());
    assertEquals(NoiseProcess.VP, config.noiseProcess());
  }

  @Test
  void eachProcessHasItsDefaultSchedule() {
    TrainingConfig config = new TrainingConfig();
    config.process = "ve";
    config.schedule = TrainingConfig.defaultSchedule(NoiseProcess.VE);
    VePath ve = (VePath) config.path();
    assertEquals("exp", ve.schedule().cliName());
    assertEquals(VePath.DEFAULT_SIGMA_MAX, ve.sigmaMax());
    assertEquals("linear", TrainingConfig.defaultSchedule(NoiseProcess.VP));
  }

  @Test
  void validateRefusesEveryBadField() {
    refuses(c -> c.warmupSteps = -1, "--warmup must be in 0..");
    refuses(c -> c.lossWeighting = "min-snr:0", "--loss-weighting must be");
    refuses(c -> c.timeSampling = "normal", "--time-sampling must be");
    refuses(c -> c.augment = "flip", "--augment takes a comma list");
    refuses(c -> c.cfgDropout = 1, "--cfg-dropout must be in [0, 1)");
    refuses(c -> c.steps = 0, "--steps must be in 1..");
    refuses(c -> c.epochs = -1, "--epochs must be in 0..");
    refuses(c -> c.batchSize = 0, "--batch-size must be in 1..");
    refuses(c -> c.learningRate = Double.NaN, "--lr must be a positive number");
    refuses(c -> c.learningRateSchedule = "step", "--lr-schedule must be constant or cosine");
    refuses(c -> c.process = "wiener", "unknown process 'wiener'");
    refuses(c -> c.prediction = "score", "unknown prediction 'score'");
    refuses(c -> c.process = "flow", "epsilon prediction cannot be sampled on the flow path");
    refuses(c -> c.network.setDepth(-1), "--depth must be in 0..");
  }

  private static void refuses(Consumer<TrainingConfig> change, String message) {
    TrainingConfig config = new TrainingConfig();
    change.accept(config);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
    assertTrue(e.getMessage().contains(message), "'" + message + "' missing in: " + e.getMessage());
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
}
