package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

/**
 * Clipping and the optimiser step over {@link TrainableParameters}: the clip factor is PyTorch's
 * {@code clip_grad_norm_} factor over every trainable gradient (not BatchNorm's running
 * statistics), step after step, and the step updates the weights exactly as DJL's {@code
 * Trainer.step} does, zeroing the gradients for the next backward pass.
 */
class GradientClippingTest {

  private static SequentialBlock network() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(16).build())
        .add(BatchNorm.builder().build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(2).build());
  }

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

  private static void backward(Trainer trainer, NDManager m, int step) {
    m.getEngine().setRandomSeed(100 + step);
    NDArray x = m.randomNormal(new Shape(8, 3)).mul(step + 1);
    try (GradientCollector collector = trainer.newGradientCollector()) {
      NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
      collector.backward(y.square().mean());
    }
  }

  @Test
  void factorFollowsTheGlobalNormOfEachStepsGradients() {
    SequentialBlock network = network();
    try (Model model = Model.newInstance("clip", Device.cpu())) {
      model.setBlock(network);
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
          TrainableParameters parameters = new TrainableParameters(network)) {
        trainer.initialize(new Shape(8, 3));
        GradientClipping tight = new GradientClipping(1e-3);
        GradientClipping loose = new GradientClipping(1e9);
        ResumableAdamW optimizer =
            ResumableAdamW.builder().setLearningRateTracker(Tracker.fixed(0.01f)).build();
        for (int step = 0; step < 4; step++) {
          try (NDManager m = trainer.getManager().newSubManager()) {
            backward(trainer, m, step);
            double norm = freshNorm(network);
            assertTrue(norm > 1e-3, "the test needs gradients above the tight bound, got " + norm);
            assertEquals(
                1e-3 / (norm + 1e-6),
                tight.scale(parameters.gradients()),
                1e-5 * (1e-3 / norm),
                "step " + step);
            assertEquals(
                1f,
                loose.scale(parameters.gradients()),
                "no clipping below the bound, step " + step);
            parameters.step(optimizer);
            assertEquals(0.0, freshNorm(network), "the step zeroes the gradients, step " + step);
          }
        }
      }
    }
  }

  @Test
  void stepUpdatesLikeDjlsTrainerStep() {
    SequentialBlock viaDjl = network();
    SequentialBlock viaOurs = network();
    Tracker schedule = Tracker.fixed(0.01f);
    try (Model a = Model.newInstance("djl", Device.cpu());
        Model b = Model.newInstance("ours", Device.cpu())) {
      a.setBlock(viaDjl);
      b.setBlock(viaOurs);
      ResumableAdamW ours =
          ResumableAdamW.builder().setLearningRateTracker(schedule).optWeightDecays(0.01f).build();
      DefaultTrainingConfig djlConfig =
          new DefaultTrainingConfig(Loss.l2Loss())
              .optOptimizer(
                  ResumableAdamW.builder()
                      .setLearningRateTracker(schedule)
                      .optWeightDecays(0.01f)
                      .build());
      try (Trainer djl = a.newTrainer(djlConfig);
          Trainer plain = b.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
          TrainableParameters parameters = new TrainableParameters(viaOurs)) {
        djl.initialize(new Shape(8, 3));
        plain.initialize(new Shape(8, 3));
        ParameterList from = viaDjl.getParameters();
        ParameterList to = viaOurs.getParameters();
        for (int i = 0; i < from.size(); i++) {
          from.valueAt(i).getArray().copyTo(to.valueAt(i).getArray());
        }
        for (int step = 0; step < 5; step++) {
          try (NDManager m = djl.getManager().newSubManager();
              NDManager n = plain.getManager().newSubManager()) {
            backward(djl, m, step);
            djl.step();
            backward(plain, n, step);
            parameters.step(ours);
          }
        }
        for (int i = 0; i < from.size(); i++) {
          assertArrayEquals(
              from.valueAt(i).getArray().toFloatArray(),
              to.valueAt(i).getArray().toFloatArray(),
              from.keyAt(i));
        }
      }
    }
  }
}
