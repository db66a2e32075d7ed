package dev.pocketdiffusion.trainer.blocks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every network option lowers to ONNX with parity on 10 000 inputs after a short training run (so
 * BatchNorm's running statistics have moved away from their initial values before they are folded).
 */
class NetworkOptionsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1} input={2} time={3} bn={4} dropout={5}")
  @CsvSource({
    "resmlp, relu, sinusoidal, learnable, false, 0",
    "resmlp, silu, fourier, linear, true, 0.1",
    "mlp, gelu, identity, none, true, 0",
    "mlp, relu, fourier, sinusoidal, false, 0.2",
    "resmlp, gelu, identity, learnable, true, 0.1"
  })
  void exportsWithParity(
      String arch, String activation, String input, String time, boolean batchNorm, double dropout)
      throws Exception {
    TrainingConfig config = new TrainingConfig();
    config
        .network
        .setArch(arch)
        .setActivation(activation)
        .setInputEmbedding(input)
        .setTimeEmbedding(time)
        .setBatchNorm(batchNorm)
        .setDropout(dropout)
        .setWidth(64)
        .setDepth(2)
        .setEmbeddingSize(32);
    config.steps = 20;
    config.batchSize = 64;
    config.datasetSize = 500;
    Map<String, Double> metrics =
        new TrainingJob(config, new File(dir.toFile(), "run"), Device.cpu()).run().metrics();
    assertTrue(
        metrics.get("parity_max_abs_diff") <= 1e-4, "parity " + metrics.get("parity_max_abs_diff"));
  }

  @Test
  void unknownOptionsAreRefusedByName() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new NetworkConfig().setActivation("tanhh").validate());
    assertThrows(
        IllegalArgumentException.class,
        () -> new NetworkConfig().setTimeEmbedding("rotary").validate());
    assertThrows(
        IllegalArgumentException.class, () -> new NetworkConfig().setArch("unet").validate());
  }
}
