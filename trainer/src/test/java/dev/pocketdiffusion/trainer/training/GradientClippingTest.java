package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

/**
 * The clip factor is PyTorch's {@code clip_grad_norm_} factor over every trainable gradient (not
 * BatchNorm's running statistics), step after step: the gradient handles it fetches once keep
 * showing each new backward pass.
 */
class GradientClippingTest {

  /** The global L2 norm of the trainable gradients, computed afresh in double precision. */
  private static double freshNorm(SequentialBlock network) {
    double squares = 0;
    for (Pair<String, Parameter> p : network.getParameters()) {
      if (p.getValue().requiresGradient()) {
        try (NDArray g = p.getValue().getArray().getGradient()) {
          for (float v : g.toFloatArray()) {
            squares += (double) v * v;
          }
        }
      }
    }
    return Math.sqrt(squares);
  }

  @Test
  void factorFollowsTheGlobalNormOfEachStepsGradients() {
    SequentialBlock network = new SequentialBlock().add(Linear.builder().setUnits(16).build())
        .add(BatchNorm.builder().build()).add(Activation::relu).add(Linear.builder().setUnits(2).build());
    try (Model model = Model.newInstance("clip", Device.cpu())) {
      model.setBlock(network);
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
        trainer.initialize(new Shape(8, 3));
        try (GradientClipping tight = new GradientClipping(network, 1e-3);
            GradientClipping loose = new GradientClipping(network, 1e9)) {
          for (int step = 0; step < 4; step++) {
            try (NDManager m = trainer.getManager().newSubManager()) {
              NDArray x = m.randomNormal(new Shape(8, 3)).mul(step + 1);
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                collector.backward(y.square().mean());
              }
              double norm = freshNorm(network);
              assertTrue(norm > 1e-3, "the test needs gradients above the tight bound, got " + norm);
              assertEquals(1e-3 / (norm + 1e-6), tight.scale(), 1e-5 * (1e-3 / norm), "step " + step);
              assertEquals(1f, loose.scale(), "no clipping below the bound, step " + step);
              trainer.step();
            }
          }
        }
      }
    }
  }
}
