package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.trainer.training.Checkpoints;
import dev.pocketdiffusion.trainer.training.RunFolder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code trainer train} process (issue 16, classes 3 and 7): while it trains, a second
 * trainer on its folder is refused naming its pid; SIGTERM then ends it with exit code 143 and a
 * resumable checkpoint, leaving no hidden temporary file behind.
 */
class HostileSignalTest {
  @TempDir Path tmp;

  @Test
  void sigtermStopsAtACheckpointWithExit143AndNoTemporaries() throws Exception {
    File run = tmp.resolve("run").toFile();
    File log = tmp.resolve("stderr.txt").toFile();
    Process child =
        new ProcessBuilder(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dai.djl.offline=true",
                TrainerCli.class.getName(),
                "train",
                "--dataset",
                "moons",
                "--steps",
                "5000",
                "--batch-size",
                "16",
                "--width",
                "8",
                "--embedding-size",
                "8",
                "--out",
                run.getPath())
            .redirectError(log)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      // the progress bar's first line (after 10 % of the steps) says the training loop runs
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log.toPath()).contains("train [")) {
        assertTrue(child.isAlive(), "the trainer died: " + Files.readString(log.toPath()));
        assertTrue(System.nanoTime() < deadline, "no progress in 60 s");
        Thread.sleep(100);
      }
      CliHarness second =
          CliHarness.trainer(
              "train",
              "--dataset",
              "moons",
              "--steps",
              "10",
              "--overwrite", // would replace the run, were it not locked
              "--out",
              run.getPath());
      assertEquals(1, second.exitCode, second.err);
      assertTrue(
          second.err.contains("is in use by another trainer (pid " + child.pid() + " "),
          second.err);
      child.destroy(); // SIGTERM
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the trainer did not stop");
    } finally {
      child.destroyForcibly();
    }
    String err = Files.readString(log.toPath());
    assertEquals(143, child.exitValue(), err);
    assertTrue(err.contains("training stopped at step "), err);
    List<String> hidden = new ArrayList<>();
    for (File dir : new File[] {run, new File(run, "checkpoint")}) {
      for (String name : dir.list()) {
        if (name.startsWith(".") && !name.equals(RunFolder.LOCK)) {
          hidden.add(name);
        }
      }
    }
    assertEquals(List.of(), hidden, "hidden files left in " + Arrays.toString(run.list()));
    assertEquals(5000, Checkpoints.readConfig(new File(run, "checkpoint")).steps);
    RunFolder.claim(run, RunFolder.Mode.RESUME).close(); // the dead trainer's lock is gone
  }
}
