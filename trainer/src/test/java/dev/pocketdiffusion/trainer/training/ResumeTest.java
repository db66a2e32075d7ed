package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.ParameterList;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.trainer.blocks.DenoiserMlp;
import dev.pocketdiffusion.trainer.datasets.Moons;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume}: a run stopped part-way and resumed from its checkpoint ends bit for bit where
 * the uninterrupted run ends — every loss and every final (weight-averaged) weight — with dropout,
 * weight averaging, a warm-up and a cosine schedule all in play.
 */
class ResumeTest {
  private static final int STEPS = 240;
  private static final int STOP_AT = 130;

  @TempDir Path dir;

  private static TrainingConfig config() {
    TrainingConfig config = new TrainingConfig();
    config.steps = STEPS;
    config.batchSize = 32;
    config.datasetSize = 500;
    config.warmupSteps = 20;
    config.checkpointEvery = 50;
    config.seed = 7;
    config.network.setWidth(32).setDepth(2).setDropout(0.1).setDimension(2);
    return config;
  }

  /**
   * Trains into {@code run}; stops (with a checkpoint) after {@code stopAt} steps when it is
   * positive.
   */
  private static Result train(File run, int stopAt, boolean resume) throws Exception {
    TrainingConfig config = config();
    Points data = new Moons().sample(config.datasetSize, config.seed);
    ModelCard card = ModelCard.create(config.path(), Prediction.EPSILON, 2);
    StopSignal stop = new StopSignal();
    File checkpoint = new File(run, "checkpoint");
    try (DiffusionTrainer trainer =
        new DiffusionTrainer(
            config,
            config.path(),
            Prediction.EPSILON,
            new DenoiserMlp(config.network),
            Device.cpu())) {
      TrainingState state = resume ? Checkpoints.loadState(checkpoint, trainer.manager()) : null;
      TrainingListener listener =
          (step, total, loss) -> {
            if (step == stopAt) {
              stop.request();
            }
          };
      double[] losses =
          trainer.train(data, null, checkpoint, card, stop, listener, state, Snapshots.NONE);
      return new Result(losses, weights(trainer.network().getParameters()));
    }
  }

  private static List<float[]> weights(ParameterList parameters) {
    List<float[]> list = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      list.add(parameters.valueAt(i).getArray().toFloatArray());
    }
    return list;
  }

  private static final class Result {
    final double[] losses;
    final List<float[]> weights;

    Result(double[] losses, List<float[]> weights) {
      this.losses = losses;
      this.weights = weights;
    }
  }

  @Test
  void aResumedRunEndsExactlyWhereTheUninterruptedOneDoes() throws Exception {
    Result whole = train(new File(dir.toFile(), "whole"), -1, false);
    File run = new File(dir.toFile(), "interrupted");
    TrainingStoppedException stopped =
        assertThrows(TrainingStoppedException.class, () -> train(run, STOP_AT, false));
    assertTrue(stopped.getMessage().contains("at step " + STOP_AT), stopped.getMessage());
    Result resumed = train(run, -1, true);

    assertArrayEquals(
        whole.losses, resumed.losses, "every loss, before and after the interruption");
    assertEquals(whole.weights.size(), resumed.weights.size());
    for (int i = 0; i < whole.weights.size(); i++) {
      assertArrayEquals(whole.weights.get(i), resumed.weights.get(i), "parameter " + i);
    }
  }

  @Test
  void aCheckpointWithADamagedTrainingStateIsRefusedByName() throws Exception {
    File run = new File(dir.toFile(), "stopped");
    assertThrows(TrainingStoppedException.class, () -> train(run, 60, false));
    File state = new File(run, "checkpoint/" + Checkpoints.STATE);
    assertTrue(state.delete());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> train(run, -1, true));
    assertTrue(
        e.getMessage().startsWith(state.toString()) && e.getMessage().contains("damaged"),
        e.getMessage());
  }
}
