package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job with its defaults: the model it trains must reach the spine issue's bar
 * when sampled through ONNX Runtime with DDIM, 50 steps (1000 points against 1000 fresh moons
 * points). Deterministic for the fixed seed on CPU.
 */
class MainJobQualityTest {
  @TempDir Path dir;

  @Test
  void defaultMoonsRunReachesTheQualityBar() throws Exception {
    Map<String, Double> m = new TrainingJob(new TrainingConfig(), new File(dir.toFile(), "moons"), Device.cpu()).run();
    assertTrue(m.get("parity_max_abs_diff") <= 1e-4, "parity " + m);
    assertTrue(m.get("mmd2") <= 0.002, "MMD² " + m);
    assertTrue(m.get("precision") >= 0.9, "precision " + m);
    assertTrue(m.get("recall") >= 0.9, "recall " + m);
  }
}
