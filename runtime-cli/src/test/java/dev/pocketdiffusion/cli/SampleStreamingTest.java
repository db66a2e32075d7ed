package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime sample} streams batch by batch: exact count, and the unbatched result where one
 * batch suffices.
 */
class SampleStreamingTest {
  private static final String MODEL = "gaussian:0.5,0.3";
  @TempDir Path dir;

  private static int run(String... args) {
    return CliRunner.run(
        "runtime",
        new RuntimeCli(),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        args);
  }

  /** The same closed-form model the CLI builds from {@link #MODEL} (vp, linear, T = 1000). */
  private static GaussianDenoiser denoiser() {
    return new GaussianDenoiser(
        VpPath.of(VpSchedule.parse("linear"), 1000), new double[] {0.5, 0.5}, 0.3);
  }

  private List<String> csvOf(Points points) throws IOException {
    File file = dir.resolve("expected-" + System.nanoTime() + ".csv").toFile();
    PointsCsv.write(file, points);
    return Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
  }

  @Test
  void oneBatchEqualsTheUnbatchedSamples() throws IOException {
    File out = dir.resolve("s.csv").toFile();
    assertEquals(
        0,
        run(
            "sample",
            "--model",
            MODEL,
            "--sampler",
            "ddpm",
            "--steps",
            "20",
            "-n",
            "250",
            "--seed",
            "7",
            "--batch-size",
            "250",
            "--out",
            out.toString()));
    Points expected = Sampling.generate(denoiser(), Samplers.create("ddpm", 20), 250, 7);
    assertEquals(csvOf(expected), Files.readAllLines(out.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void manyBatchesWriteTheExactCountBatchByBatch() throws IOException {
    File out = dir.resolve("s.csv").toFile();
    assertEquals(
        0,
        run(
            "sample",
            "--model",
            MODEL,
            "--sampler",
            "ddpm",
            "--steps",
            "20",
            "-n",
            "1000",
            "--seed",
            "7",
            "--batch-size",
            "300",
            "--out",
            out.toString()));
    List<String> lines = Files.readAllLines(out.toPath(), StandardCharsets.UTF_8);
    assertEquals(1001, lines.size());
    List<String> first = csvOf(Sampling.generate(denoiser(), Samplers.create("ddpm", 20), 300, 7));
    assertEquals(first, lines.subList(0, 301));
    List<String> last =
        csvOf(
            Sampling.generate(
                denoiser(), Samplers.create("ddpm", 20), 100, Sampling.batchSeed(7, 3)));
    assertEquals(last.subList(1, 101), lines.subList(901, 1001));
    assertNotEquals(lines.subList(1, 301), lines.subList(301, 601), "each batch draws fresh noise");
  }

  @Test
  void batchSeedsDifferAndKeepTheFirst() {
    long[] seeds = new long[50];
    for (int k = 0; k < seeds.length; k++) {
      seeds[k] = Sampling.batchSeed(7, k);
    }
    assertEquals(7, seeds[0]);
    assertEquals(seeds.length, Arrays.stream(seeds).distinct().count());
    assertNotEquals(
        Sampling.batchSeed(7, 1),
        Sampling.batchSeed(8, 0),
        "seed 7's second batch is not seed 8's first");
  }

  @Test
  void badBatchSizeOrTrajectoryOverABatchIsAUsageError() {
    String out = dir.resolve("s.csv").toString();
    assertEquals(2, run("sample", "--model", MODEL, "-n", "10", "--batch-size", "0", "--out", out));
    assertEquals(
        2,
        run(
            "sample",
            "--model",
            MODEL,
            "-n",
            "10",
            "--batch-size",
            "5",
            "--out",
            out,
            "--trajectory",
            dir.resolve("t.csv").toString()));
    assertTrue(!new File(out).exists());
  }

  @Test
  void streamedWriterMatchesTheWholeSetWriter() throws IOException {
    Points points = new Points(3, 2, new double[] {1, 2, 3, 4, 5, 6});
    StringWriter w = new StringWriter();
    PointsCsv.writeHeader(w, 2);
    PointsCsv.writeRows(w, points.head(2));
    PointsCsv.writeRows(w, new Points(1, 2, new double[] {5, 6}));
    assertArrayEquals(csvOf(points).toArray(), w.toString().split("\n"));
  }
}
