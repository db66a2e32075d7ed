package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class-conditional model trained on the Toy-Diffusion write-up's concentric squares puts each
 * class in its ring.
 */
class ConditionalTrainingTest {
  @TempDir Path dir;

  private static double shareInRing(Points p, double from, double to) {
    int inside = 0;
    for (int i = 0; i < p.size(); i++) {
      double r = Math.max(Math.abs(p.get(i, 0)), Math.abs(p.get(i, 1)));
      inside += (r >= from && r < to) ? 1 : 0;
    }
    return inside / (double) p.size();
  }

  @Test
  void guidedSamplesLandInTheirClassRing() throws Exception {
    TrainingConfig config = new TrainingConfig();
    config.dataset = "squares";
    config.conditional = true;
    config.steps = 1500;
    File out = new File(dir.toFile(), "squares");
    new TrainingJob(config, out, Device.cpu()).run();
    try (OnnxDenoiser model = OnnxDenoiser.load(new File(out, "model.onnx"))) {
      assertEquals(4, model.numClasses());
      Points inner =
          Sampling.generate(Guidance.of(model, 0, 2), Samplers.create("ddim", 50), 500, 1);
      Points outer =
          Sampling.generate(Guidance.of(model, 3, 2), Samplers.create("ddim", 50), 500, 2);
      // uniform data would put 6.25% in ring 0 and 43.75% in ring 3
      assertTrue(
          shareInRing(inner, 0, 0.3) > 0.7,
          "class 0 share in its ring " + shareInRing(inner, 0, 0.3));
      assertTrue(
          shareInRing(outer, 0.7, 1.1) > 0.7,
          "class 3 share in its ring " + shareInRing(outer, 0.7, 1.1));
    }
  }

  @Test
  void conditionalNeedsALabelledDataset() {
    TrainingConfig config = new TrainingConfig();
    config.conditional = true;
    config.steps = 1;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TrainingJob(config, new File(dir.toFile(), "x"), Device.cpu()).run());
    assertTrue(e.getMessage().startsWith("--conditional needs a labelled dataset"), e.getMessage());
  }
}
