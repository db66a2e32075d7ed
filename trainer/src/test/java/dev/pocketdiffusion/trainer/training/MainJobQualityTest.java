package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.metrics.SampleQuality;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.trainer.datasets.Moons;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job with its defaults: the model it trains must reach the spine issue's bar
 * when sampled through ONNX Runtime with DDIM, 50 steps (1000 points against 1000 fresh moons
 * points), and so must DPM-Solver++(2M) with 15 model calls. Deterministic for the fixed seed on
 * CPU.
 */
class MainJobQualityTest {
  @TempDir Path dir;

  @Test
  void defaultMoonsRunReachesTheQualityBar() throws Exception {
    Map<String, Double> m =
        new TrainingJob(new TrainingConfig(), new File(dir.toFile(), "moons"), Device.cpu())
            .run()
            .metrics();
    assertTrue(m.get("parity_max_abs_diff") <= 1e-4, "parity " + m);
    assertTrue(m.get("mmd2") <= 0.002, "MMD² " + m);
    assertTrue(m.get("precision") >= 0.9, "precision " + m);
    assertTrue(m.get("recall") >= 0.9, "recall " + m);

    // The runtime issue's few-step bar: DPM-Solver++(2M), 15 model calls, its default (logsnr)
    // spacing.
    Points generated;
    try (OnnxDenoiser model = OnnxDenoiser.load(new File(dir.toFile(), "moons/model.onnx"))) {
      generated = Sampling.generate(model, Samplers.create("dpm++2m", 15), 1000, 5);
    }
    Map<String, Double> fast =
        SampleQuality.evaluate(new Moons().sample(1000, 6), generated, 0).asMap();
    assertTrue(fast.get("mmd2") <= 0.002, "dpm++2m-15 MMD² " + fast);
    assertTrue(fast.get("precision") >= 0.9, "dpm++2m-15 precision " + fast);
    assertTrue(fast.get("recall") >= 0.9, "dpm++2m-15 recall " + fast);
  }
}
