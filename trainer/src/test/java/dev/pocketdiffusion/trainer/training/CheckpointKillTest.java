package dev.pocketdiffusion.trainer.training;

import static dev.pocketdiffusion.trainer.training.CheckpointFixtures.recordedStep;
import static dev.pocketdiffusion.trainer.training.CheckpointFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of checkpoint writes: a child JVM saves checkpoints of a ~4 MB network in a
 * loop and is destroyed forcibly at a random moment, several times over the same directory. After
 * every kill the directory must load, and the parameters loaded must be exactly those of the step
 * {@code checkpoint.json} records (each save fills every parameter with its step number).
 */
class CheckpointKillTest {
  @TempDir Path tmp;

  private static final int KILLS = 5;
  private static final int WIDTH = 512;

  @Test
  void killedWritersLeaveALoadableCheckpoint() throws Exception {
    File dir = tmp.resolve("checkpoint").toFile();
    Random random = new Random(9);
    int lastStep = -1;
    for (int kill = 0; kill < KILLS; kill++) {
      int start = 1000 * (kill + 1);
      Process child =
          new ProcessBuilder(
                  new File(System.getProperty("java.home"), "bin/java").getPath(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Dai.djl.offline=true",
                  "-Dai.djl.pytorch.num_threads=1",
                  "-Dai.djl.pytorch.num_interop_threads=1",
                  CheckpointFixtures.class.getName(),
                  dir.getPath(),
                  String.valueOf(WIDTH),
                  String.valueOf(start))
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      try {
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("saved ")) {
          // skip engine start-up chatter until the first save is done
        }
        assertTrue(line != null, "the writer died before its first save");
        Thread.sleep(random.nextInt(400));
      } finally {
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
      }
      String[] left = dir.list();
      Arrays.sort(left);
      String files = "; files left: " + Arrays.toString(left);
      int step = recordedStep(dir);
      try (Checkpoints.Restored restored = Checkpoints.load(dir)) {
        assertEquals(
            Collections.singleton((float) step),
            values(restored),
            "after kill "
                + kill
                + " the parameters must be those of the recorded step "
                + step
                + files);
      }
      assertTrue(
          step >= start && step > lastStep,
          "the checkpoint is the child's latest, got step " + step + files);
      lastStep = step;
    }
  }
}
