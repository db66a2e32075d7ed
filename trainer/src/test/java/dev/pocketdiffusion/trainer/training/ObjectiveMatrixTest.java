package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every process × prediction trains, exports with parity on 10 000 inputs, and carries the right
 * card.
 */
class ObjectiveMatrixTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @CsvSource({
    "vp, linear, gaussian, epsilon", "vp, cosine, gaussian, x0",
        "vp, quadratic, gaussian, velocity",
    "ve, exp, gaussian, epsilon", "ve, geometric, gaussian, x0", "ve, sqrt, gaussian, velocity",
    "flow, linear, annulus, x0", "flow, linear, gaussian, velocity"
  })
  void trainsExportsAndAgrees(String process, String schedule, String base, String prediction)
      throws Exception {
    TrainingConfig config = new TrainingConfig();
    config.process = process;
    config.schedule = schedule;
    config.base = base;
    config.prediction = prediction;
    config.steps = 30;
    config.batchSize = 64;
    config.datasetSize = 500;
    File out = new File(dir.toFile(), process + "-" + prediction);
    Map<String, Double> metrics = new TrainingJob(config, out, Device.cpu()).run().metrics();
    assertTrue(
        metrics.get("parity_max_abs_diff") <= 1e-4, "parity " + metrics.get("parity_max_abs_diff"));
    try (OnnxDenoiser model = OnnxDenoiser.load(new File(out, "model.onnx"))) {
      ModelCard card = model.card();
      assertEquals(process, card.path().process().cliName());
      assertEquals(prediction, card.prediction().cliName());
      assertEquals(base, card.path().base().cliName());
    }
  }

  @Test
  void epsilonOnFlowIsRefusedBeforeTraining() {
    TrainingConfig config = new TrainingConfig();
    config.process = "flow";
    config.prediction = "epsilon";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
    assertTrue(e.getMessage().contains("train with --prediction velocity or x0"), e.getMessage());
  }
}
