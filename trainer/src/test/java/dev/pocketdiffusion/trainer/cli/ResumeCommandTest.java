package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --resume} flag's rules, through the command line. */
class ResumeCommandTest {
  @TempDir Path dir;

  private static void assertOneLineError(CliHarness r, int code, String fragment) {
    assertEquals(code, r.exitCode, r.err);
    String err = r.err.trim();
    assertFalse(err.contains("\n") || err.contains("\tat "), "one line, no stack trace: " + err);
    assertTrue(err.contains(fragment), "'" + fragment + "' missing in: " + err);
  }

  @Test
  void resumeTakesNoTrainingFlags() {
    assertOneLineError(
        CliHarness.trainer("train", "--resume", "--out", dir.toString(), "--lr", "0.1"),
        2,
        "--lr cannot change a resumed run");
  }

  @Test
  void aDatasetIsRequiredWithoutResume() {
    assertOneLineError(
        CliHarness.trainer("train", "--out", dir.toString()), 2, "--dataset is required");
  }

  @Test
  void resumingADirectoryWithoutACheckpointNamesIt() {
    assertOneLineError(
        CliHarness.trainer("train", "--resume", "--out", dir.toString()),
        1,
        "no checkpoint to resume");
  }

  @Test
  void resumingAFinishedRunSaysSo() {
    File run = dir.resolve("done").toFile();
    CliHarness trained =
        CliHarness.trainer(
            "train",
            "--dataset",
            "moons",
            "--steps",
            "40",
            "--batch-size",
            "32",
            "--width",
            "16",
            "--out",
            run.getPath());
    assertEquals(0, trained.exitCode, trained.err);
    assertOneLineError(
        CliHarness.trainer("train", "--resume", "--out", run.getPath()),
        1,
        "already finished (40 of 40 steps)");
  }
}
