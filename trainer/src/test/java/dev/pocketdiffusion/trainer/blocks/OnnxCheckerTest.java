package dev.pocketdiffusion.trainer.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported files pass the reference ONNX checker ({@code onnx.checker.check_model(full_check=True)}
 * and strict shape inference) for the default, a BatchNorm/Fourier/SiLU and a conditional network.
 * Runs with the Python that {@code .ci/run} sets up in {@code .ci/venv}; where that Python is
 * absent the test is skipped and says so.
 */
class OnnxCheckerTest {
  private static final File PYTHON = new File("../.ci/venv/bin/python");
  private static final String CHECK =
      "import sys, onnx\n"
          + "for path in sys.argv[1:]:\n"
          + "    m = onnx.load(path)\n"
          + "    onnx.checker.check_model(m, full_check=True)\n"
          + "    onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)\n"
          + "    print('ok', path)\n";

  @TempDir Path dir;

  private File train(String name, TrainingConfig config) throws Exception {
    config.steps = 10;
    config.batchSize = 32;
    config.datasetSize = 200;
    File out = new File(dir.toFile(), name);
    new TrainingJob(config, out, Device.cpu()).run();
    return new File(out, "model.onnx");
  }

  @Test
  void exportedModelsPassTheOnnxChecker() throws Exception {
    assumeTrue(
        PYTHON.canExecute(),
        "skipped: no " + PYTHON + " with the onnx package (bash .ci/run creates it)");
    TrainingConfig plain = new TrainingConfig();
    TrainingConfig options = new TrainingConfig();
    options
        .network
        .setBatchNorm(true)
        .setInputEmbedding("fourier")
        .setActivation("silu")
        .setTimeEmbedding("learnable");
    TrainingConfig conditional = new TrainingConfig();
    conditional.dataset = "digits";
    conditional.conditional = true;
    Process p =
        new ProcessBuilder(
                PYTHON.getPath(),
                "-c",
                CHECK,
                train("plain", plain).getPath(),
                train("options", options).getPath(),
                train("conditional", conditional).getPath())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), output);
    assertEquals(3, output.lines().filter(line -> line.startsWith("ok ")).count(), output);
  }
}
