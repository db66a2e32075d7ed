package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trainer dataset} writes the dataset's own seeded draw. */
class DatasetCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheSeededDraw() throws IOException {
    File a = dir.resolve("a.csv").toFile();
    File b = dir.resolve("b.csv").toFile();
    assertEquals(
        0,
        CliHarness.trainer(
                "dataset", "--dataset", "moons", "-n", "50", "--seed", "4", "--out", a.getPath())
            .exitCode);
    assertEquals(
        0,
        CliHarness.trainer(
                "dataset", "--dataset", "moons", "-n", "50", "--seed", "5", "--out", b.getPath())
            .exitCode);
    Points written = PointsCsv.read(a);
    Points expected = Datasets.byName("moons").sample(50, 4);
    assertEquals(50, written.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(expected.get(i, 0), written.get(i, 0), 1e-6);
      assertEquals(expected.get(i, 1), written.get(i, 1), 1e-6);
    }
    assertNotEquals(
        new String(Files.readAllBytes(a.toPath())), new String(Files.readAllBytes(b.toPath())));
  }

  @Test
  void badCountExitsTwo() {
    CliHarness run =
        CliHarness.trainer(
            "dataset", "--dataset", "moons", "-n", "0", "--out", dir.resolve("c.csv").toString());
    assertEquals(2, run.exitCode);
    assertTrue(run.err.contains("-n must be at least 1"), run.err);
  }
}
