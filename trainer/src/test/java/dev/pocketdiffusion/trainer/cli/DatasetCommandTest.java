package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.datasets.LabelledDataset;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
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
  void classWritesOnlyThatClasssPoints() {
    String mix = "mix:moons,circle,spiral,dino";
    File out = dir.resolve("circle.csv").toFile();
    CliHarness run =
        CliHarness.trainer(
            "dataset",
            "--dataset",
            mix,
            "--class",
            "1",
            "-n",
            "300",
            "--seed",
            "2",
            "--out",
            out.getPath());
    assertEquals(0, run.exitCode, run.err);
    Points written = PointsCsv.read(out);
    assertEquals(300, written.size());
    LabelledDataset labelled = (LabelledDataset) Datasets.byName(mix);
    long[] labels = new long[300 * 4 * 2]; // the draw sampleClass filters
    Points all = labelled.sample(labels.length, 2, labels);
    Set<String> byLabel0 = new HashSet<>();
    Set<String> byLabel1 = new HashSet<>();
    for (int i = 0; i < labels.length; i++) {
      String key = (float) all.get(i, 0) + "," + (float) all.get(i, 1);
      (labels[i] == 1 ? byLabel1 : byLabel0).add(key);
    }
    for (int i = 0; i < written.size(); i++) {
      String key = (float) written.get(i, 0) + "," + (float) written.get(i, 1);
      assertTrue(byLabel1.contains(key) && !byLabel0.contains(key), "point " + i + " " + key);
    }
    CliHarness unlabelled =
        CliHarness.trainer("dataset", "--dataset", "moons", "--class", "0", "--out", out.getPath());
    assertEquals(2, unlabelled.exitCode);
    assertTrue(unlabelled.err.contains("--class needs a labelled dataset"), unlabelled.err);
    CliHarness outOfRange =
        CliHarness.trainer("dataset", "--dataset", mix, "--class", "4", "--out", out.getPath());
    assertEquals(2, outOfRange.exitCode);
    assertTrue(outOfRange.err.contains("classes 0..3"), outOfRange.err);
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
