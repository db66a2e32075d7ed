package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --resume} flag's rules and {@code trainer data}, through the command line. */
class ResumeAndDataCommandTest {
  @TempDir Path dir;

  private static void assertOneLineError(CliHarness r, int code, String fragment) {
    assertEquals(code, r.exitCode, r.err);
    String err = r.err.trim();
    assertFalse(err.contains("\n") || err.contains("\tat "), "one line, no stack trace: " + err);
    assertTrue(err.contains(fragment), "'" + fragment + "' missing in: " + err);
  }

  @Test
  void resumeTakesNoTrainingFlags() {
    assertOneLineError(CliHarness.trainer("train", "--resume", "--out", dir.toString(), "--lr", "0.1"), 2,
        "--lr cannot change a resumed run");
  }

  @Test
  void aDatasetIsRequiredWithoutResume() {
    assertOneLineError(CliHarness.trainer("train", "--out", dir.toString()), 2, "--dataset is required");
  }

  @Test
  void resumingADirectoryWithoutACheckpointNamesIt() {
    assertOneLineError(CliHarness.trainer("train", "--resume", "--out", dir.toString()), 1, "not a checkpoint");
  }

  @Test
  void resumingAFinishedRunSaysSo() {
    File run = dir.resolve("done").toFile();
    CliHarness trained = CliHarness.trainer("train", "--dataset", "moons", "--steps", "40", "--batch-size", "32",
        "--width", "16", "--out", run.getPath());
    assertEquals(0, trained.exitCode, trained.err);
    assertOneLineError(CliHarness.trainer("train", "--resume", "--out", run.getPath()), 1, "already finished (40 of 40 steps)");
  }

  @Test
  void dataWritesTheSamePointsForTheSameSeed() throws Exception {
    File a = dir.resolve("a.csv").toFile();
    File b = dir.resolve("b.csv").toFile();
    assertEquals(0, CliHarness.trainer("data", "--dataset", "spiral", "-n", "300", "--seed", "4", "--out", a.getPath()).exitCode);
    assertEquals(0, CliHarness.trainer("data", "--dataset", "spiral", "-n", "300", "--seed", "4", "--out", b.getPath()).exitCode);
    List<String> lines = Files.readAllLines(a.toPath());
    assertEquals("x,y", lines.get(0));
    assertEquals(301, lines.size());
    assertEquals(lines, Files.readAllLines(b.toPath()));
  }

  @Test
  void dataRefusesABadCountAndAnUnknownDataset() {
    File out = dir.resolve("x.csv").toFile();
    assertOneLineError(CliHarness.trainer("data", "--dataset", "moons", "-n", "0", "--out", out.getPath()), 2, "-n must be at least 1");
    assertOneLineError(CliHarness.trainer("data", "--dataset", "nope", "--out", out.getPath()), 2, "unknown dataset 'nope'");
    assertFalse(out.exists());
  }
}
