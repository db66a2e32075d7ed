package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.PointsCsv;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closed-form models through {@code runtime sample}, for the defects of issue 17 that the command
 * line showed: adaptive exited 2 on vp with centred data (its first-step probe left [0, 1]), and
 * {@code gaussian:} models were refused on flow (ε prediction was hard-coded).
 */
class ClosedFormSamplingTest {
  @TempDir Path dir;

  private static int run(StringWriter err, String... args) {
    return CliRunner.run(
        "runtime",
        new RuntimeCli(),
        new PrintWriter(new StringWriter()),
        new PrintWriter(err),
        args);
  }

  private static double mean(Points points, int j) {
    double sum = 0;
    for (int i = 0; i < points.size(); i++) {
      sum += points.get(i, j);
    }
    return sum / points.size();
  }

  @Test
  void adaptiveRunsOnVpWithCentredData() {
    File out = dir.resolve("a.csv").toFile();
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "sample",
            "--model",
            "gaussian:0,0.3",
            "--sampler",
            "adaptive",
            "-n",
            "100",
            "--out",
            out.toString());
    assertEquals(0, code, err.toString());
    Points points = PointsCsv.read(out);
    assertEquals(100, points.size());
    assertEquals(0, mean(points, 0), 3 * 0.3 / 10, "mean of x");
  }

  @Test
  void gaussianModelsRunOnFlow() {
    File out = dir.resolve("f.csv").toFile();
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "sample",
            "--model",
            "gaussian:0.7,-0.4,0.3",
            "--process",
            "flow",
            "--sampler",
            "unipc",
            "--steps",
            "20",
            "-n",
            "400",
            "--out",
            out.toString());
    assertEquals(0, code, err.toString());
    Points points = PointsCsv.read(out);
    assertEquals(0.7, mean(points, 0), 4 * 0.3 / 20, "mean of x");
    assertEquals(-0.4, mean(points, 1), 4 * 0.3 / 20, "mean of y");
  }
}
