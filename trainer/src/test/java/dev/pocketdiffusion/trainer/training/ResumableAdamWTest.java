package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** Our AdamW is DJL's AdamW with its moments in reach: the same updates, bit for bit. */
class ResumableAdamWTest {

  @Test
  void updatesMatchDjlsAdamW() {
    Tracker schedule =
        Tracker.cosine().setBaseValue(0.01f).optFinalValue(1e-4f).setMaxUpdates(30).build();
    Optimizer djl =
        Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(0.01f).build();
    Optimizer ours =
        ResumableAdamW.builder().setLearningRateTracker(schedule).optWeightDecays(0.01f).build();
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(3);
      NDArray a = manager.randomNormal(new Shape(4, 5));
      NDArray b = a.duplicate();
      for (int step = 0; step < 30; step++) {
        NDArray grad = manager.randomNormal(new Shape(4, 5));
        djl.update("w", a, grad);
        ours.update("w", b, grad);
      }
      assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }
  }

  @Test
  void scalingGradientsInTheKernelEqualsScalingThemBefore() {
    Tracker schedule = Tracker.fixed(0.01f);
    Optimizer djl =
        Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(0.01f).build();
    ResumableAdamW ours =
        ResumableAdamW.builder().setLearningRateTracker(schedule).optWeightDecays(0.01f).build();
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(5);
      NDArray a = manager.randomNormal(new Shape(4, 5));
      NDArray b = a.duplicate();
      for (int step = 0; step < 30; step++) {
        NDArray grad = manager.randomNormal(new Shape(4, 5));
        float scale = step % 3 == 0 ? 1f : 0.9f / (step + 1);
        djl.update(
            "w",
            a,
            grad.mul(manager.create(scale))); // what clipping did before: one multiply per gradient
        ours.scaleGradients(scale);
        ours.update("w", b, grad);
      }
      assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }
  }
}
