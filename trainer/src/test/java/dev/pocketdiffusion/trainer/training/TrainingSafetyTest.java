package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training that diverges or is stopped keeps a loadable checkpoint and writes no model. */
class TrainingSafetyTest {
  @TempDir Path dir;

  private static int checkpointStep(File run) throws Exception {
    String json = Files.readString(new File(run, "checkpoint/checkpoint.json").toPath());
    return JsonParser.parseString(json).getAsJsonObject().get("step").getAsInt();
  }

  @Test
  void divergenceStopsWithAMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
    TrainingConfig config = new TrainingConfig();
    config.learningRate = 1e30;
    config.learningRateSchedule = "constant";
    config.gradientClip = 1e30;
    config.steps = 200;
    config.checkpointEvery = 1;
    File run = new File(dir.toFile(), "diverged");
    TrainingDivergedException e =
        assertThrows(
            TrainingDivergedException.class,
            () -> new TrainingJob(config, run, Device.cpu()).run());
    assertTrue(e.getMessage().startsWith("training diverged at step "), e.getMessage());
    int divergedAt =
        Integer.parseInt(e.getMessage().replaceAll("training diverged at step (\\d+).*", "$1"));
    assertEquals(
        divergedAt - 1, checkpointStep(run), "the checkpoint of the last finite step is kept");
    assertFalse(new File(run, "model.onnx").exists(), "no model from a diverged run");
    try (Checkpoints.Restored restored = Checkpoints.load(new File(run, "checkpoint"))) {
      assertEquals("moons", restored.config().dataset);
    }
  }

  @Test
  void aRequestedStopSavesACheckpointThatExports() throws Exception {
    TrainingConfig config = new TrainingConfig();
    config.steps = 100_000;
    File run = new File(dir.toFile(), "stopped");
    TrainingJob job = new TrainingJob(config, run, Device.cpu());
    Thread stopper =
        new Thread(
            () -> {
              try {
                Thread.sleep(3000);
              } catch (InterruptedException e) {
                return;
              }
              job.stopSignal().requestAndWait();
            });
    stopper.start();
    TrainingStoppedException e = assertThrows(TrainingStoppedException.class, job::run);
    stopper.join();
    assertTrue(e.getMessage().startsWith("training stopped at step "), e.getMessage());
    assertTrue(checkpointStep(run) > 0);
    try (Checkpoints.Restored restored = Checkpoints.load(new File(run, "checkpoint"))) {
      TrainingJob.exportWithParity(
          restored.network(), restored.model().getNDManager(), restored.card(), 1);
    }
  }
}
