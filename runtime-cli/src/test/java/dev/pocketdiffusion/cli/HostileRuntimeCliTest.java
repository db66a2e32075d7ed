package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input to the {@code runtime} commands (issue 16, classes 1, 2, 4 and 9 for outputs): an
 * output that is an input, an output that cannot be written, sizes that would exhaust memory. Each
 * case must exit 1 or 2 with one line on stderr, leave every input byte for byte as it was and
 * leave no output or temporary file behind. Every case fails before a model is loaded or in well
 * under a second.
 */
class HostileRuntimeCliTest {
  @TempDir Path dir;
  private Path model;
  private Path points;
  private byte[] modelBytes;
  private byte[] pointBytes;
  private List<Path> before;

  @BeforeEach
  void inputs() throws IOException {
    model = dir.resolve("m.onnx");
    modelBytes =
        "not really a model, but refused before it is read".getBytes(StandardCharsets.UTF_8);
    Files.write(model, modelBytes);
    points = dir.resolve("p.csv");
    pointBytes = "x,y\n0.5,1\n-0.5,0.25\n".getBytes(StandardCharsets.UTF_8);
    Files.write(points, pointBytes);
    before = listing();
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.sorted().collect(Collectors.toList());
    }
  }

  /** Runs the CLI in-process; returns {exit code, stdout, stderr}. */
  private static String[] run(String... args) {
    return run(new StringWriter(), args);
  }

  private static String[] run(Writer stdout, String... args) {
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new RuntimeCli(), new PrintWriter(stdout), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), stdout.toString(), err.toString()};
  }

  /**
   * Asserts exit {@code code}, one stderr line containing {@code message}, inputs unchanged and no
   * new file anywhere in the folder.
   */
  private void refused(String[] result, int code, String message) throws IOException {
    String err = result[2].trim();
    assertEquals(String.valueOf(code), result[0], err);
    assertEquals(1, err.split("\n").length, "one line: " + err);
    assertTrue(err.startsWith("runtime: error: "), err);
    assertTrue(err.contains(message), "'" + message + "' in: " + err);
    assertArrayEquals(modelBytes, Files.readAllBytes(model), "the model is untouched");
    assertArrayEquals(pointBytes, Files.readAllBytes(points), "the points are untouched");
    assertEquals(before, listing(), "no output or temporary file is left");
  }

  private String in(String name) {
    return dir.resolve(name).toString();
  }

  // Class 1: never destroy an input.

  @Test
  void anOutputSpelledDifferentlyIsStillTheModel() throws IOException {
    String dotted = dir.resolve(".").resolve("sub").resolve("..").resolve("m.onnx").toString();
    refused(
        run("sample", "--model", model.toString(), "--out", dotted),
        2,
        "--out " + dotted + ": is the same file as --model; choose another output");
  }

  @Test
  void aSymlinkOrHardLinkToTheModelIsTheModel() throws IOException {
    Files.createSymbolicLink(dir.resolve("link.onnx"), model);
    Files.createLink(dir.resolve("hard.onnx"), model);
    before = listing();
    refused(
        run("sample", "--model", in("link.onnx"), "-n", "5", "--plot", model.toString()),
        2,
        "--plot " + model + ": is the same file as --model");
    refused(
        run("sample", "--model", model.toString(), "--trajectory", in("hard.onnx")),
        2,
        "--trajectory " + in("hard.onnx") + ": is the same file as --model");
  }

  @Test
  void aPointsModelOrPointsFileIsNotOverwritten() throws IOException {
    refused(
        run("sample", "--model", "points:" + points, "--out", points.toString()),
        2,
        "is the same file as --model");
    refused(
        run(
            "likelihood",
            "--model",
            model.toString(),
            "--points",
            in("p.csv"),
            "--out",
            in("p.csv")),
        2,
        "--out " + in("p.csv") + ": is the same file as --points");
    refused(
        run(
            "plot",
            "samples",
            "--model",
            "gaussian:0,1",
            "--real",
            in("p.csv"),
            "--out",
            in("p.csv")),
        2,
        "is the same file as --real");
    refused(
        run("plot", "forward", "--data", in("p.csv"), "--out", in("p.csv")),
        2,
        "is the same file as --data");
    refused(
        run("animate", "--model", "points:" + points, "--out", points.toString()),
        2,
        "is the same file as --model");
    refused(
        run("bench", "--model", model.toString(), "--json", model.toString()),
        2,
        "--json " + model + ": is the same file as --model");
  }

  @Test
  void twoOutputsOfOneCommandMayNotBeOneFile() throws IOException {
    refused(
        run("sample", "--model", "gaussian:0,1", "--out", in("s.csv"), "--plot", in("s.csv")),
        2,
        "--plot " + in("s.csv") + ": is the same file as --out");
  }

  @Test
  void anEmptyOrFolderOutputIsRefused() throws IOException {
    refused(run("sample", "--model", "gaussian:0,1", "--out", ""), 2, "--out is empty");
    refused(
        run("plot", "density", "--model", "gaussian:0,1", "--out", dir.toString()),
        1,
        "--out " + dir + ": is a directory");
  }

  // Class 2 and 9: all or nothing, and every output error names its path.

  @Test
  void aPlotThatIsAFolderLeavesNoCsv() throws IOException {
    Files.createDirectory(dir.resolve("taken.png"));
    before = listing();
    refused(
        run("sample", "--model", "gaussian:0,1", "--out", in("s.csv"), "--plot", in("taken.png")),
        1,
        "--plot " + in("taken.png") + ": is a directory");
  }

  @Test
  void aPlotInAFolderThatCannotExistLeavesNoCsv() throws IOException {
    String bad = dir.resolve("p.csv").resolve("plot.png").toString();
    refused(
        run("sample", "--model", "gaussian:0,1", "-n", "5", "--out", in("s.csv"), "--plot", bad),
        1,
        "--plot " + bad + ": cannot write there");
  }

  @Test
  void aDeviceIsNeverReplaced() throws IOException {
    File full = new File("/dev/full");
    if (!full.exists()) {
      full = new File("/dev/null");
    }
    long modified = full.lastModified();
    refused(
        run("sample", "--model", "gaussian:0,1", "--out", in("s.csv"), "--plot", full.getPath()),
        1,
        "--plot " + full + ": is not a regular file");
    assertFalse(full.isFile(), full + " is still a device");
    assertEquals(modified, full.lastModified());
  }

  @Test
  void anUnwritableFolderFailsBeforeAnyWork() throws IOException {
    refused(
        run("plot", "grid", "--model", "gaussian:0,1", "--out", "/proc/version/grid.png"),
        1,
        "--out /proc/version/grid.png: cannot write there");
    refused(
        run(
            "likelihood",
            "--model",
            model.toString(),
            "--points",
            points.toString(),
            "--out",
            "/proc/logp.csv"),
        1,
        "--out /proc/logp.csv: cannot write there");
  }

  @Test
  void aFailingStandardOutputIsAnError() throws IOException {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void flush() throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void close() {}
        };
    refused(
        run(broken, "sample", "--model", "gaussian:0,1", "-n", "5", "--steps", "2"),
        1,
        "standard output: write failed");
  }

  @Test
  void sigtermWhileWritingLeavesNoFile() throws Exception {
    Process child =
        new ProcessBuilder(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-cp",
                System.getProperty("java.class.path"),
                RuntimeCli.class.getName(),
                "sample",
                "--model",
                "gaussian:0,1",
                "-n",
                "100000000",
                "--steps",
                "1",
                "--out",
                in("big.csv"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (stagedBytes() < 1 << 20) {
        assertTrue(child.isAlive() && System.nanoTime() < deadline, "the child writes its CSV");
        Thread.sleep(20);
      }
      child.destroy();
      assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertEquals(before, listing(), "SIGTERM removed the staged file");
  }

  /** Size of the hidden staged files in the folder. */
  private long stagedBytes() throws IOException {
    long total = 0;
    for (Path p : listing()) {
      if (p.getFileName().toString().startsWith(".big.csv.")) {
        total += Files.size(p);
      }
    }
    return total;
  }

  // Class 4: sizes are checked before memory is spent.

  @Test
  void pointCountsAreBoundedAndNeverOverflow() throws IOException {
    refused(run("sample", "--model", "gaussian:0,1", "-n", "5e8"), 2, "'5e8' is not an int");
    refused(
        run("sample", "--model", "gaussian:0,1", "-n", "2000000000", "--out", in("s.csv")),
        2,
        "-n must be in 1..1000000000, got 2000000000");
    refused(
        run("sample", "--model", "gaussian:0,1", "-n", "3000000000"),
        2,
        "'3000000000' is not an int");
    refused(
        run(
            "sample",
            "--model",
            "gaussian:0,1",
            "-n",
            "500000000",
            "--batch-size",
            "500000000",
            "--out",
            in("s.csv")),
        2,
        "500000000 points need about 190735 MB of memory");
    refused(
        run("sample", "--model", "gaussian:0,1", "-n", "1000000000", "--plot", in("s.png")),
        2,
        "--plot of 1000000000 points need about");
  }

  @Test
  void stepsAndThreadsAreBounded() throws IOException {
    refused(
        run("sample", "--model", "gaussian:0,1", "--process", "ve", "--steps", "2000000000"),
        2,
        "--steps must be at most 100000, got 2000000000");
    int max = 4 * Runtime.getRuntime().availableProcessors();
    refused(
        run("sample", "--model", "gaussian:0,1", "--threads", "10000", "--out", in("s.csv")),
        2,
        "--threads must be in 1.." + max + " (4 per processor), got 10000");
    refused(
        run("likelihood", "--model", model.toString(), "--points", in("p.csv"), "--threads", "0"),
        2,
        "--threads must be in 1..");
    refused(run("bench", "--threads", "1,10000"), 2, "--threads must be in 1..");
    refused(
        run(
            "likelihood",
            "--model",
            model.toString(),
            "--points",
            in("p.csv"),
            "--method",
            "elbo",
            "--samples",
            "2000000000"),
        2,
        "--samples must be in 1..1000000, got 2000000000");
  }

  @Test
  void picturesAreBoundedBeforeTheyAreDrawn() throws IOException {
    refused(
        run(
            "plot",
            "grid",
            "--model",
            "gaussian:0,1",
            "--seeds",
            "100",
            "--panel",
            "3000",
            "--out",
            in("g.png")),
        2,
        "the picture would be 30000 x 30000 pixels; the limit is 40 million: lower --panel or --seeds");
    refused(
        run(
            "plot",
            "forward",
            "--data",
            in("p.csv"),
            "--panel",
            "4000",
            "--times",
            "0,0.1,0.2,0.3",
            "--out",
            in("f.png")),
        2,
        "the picture would be 16000 x 4000 pixels");
    refused(
        run(
            "plot",
            "reverse",
            "--model",
            "gaussian:0,1",
            "--steps",
            "10",
            "-n",
            "10",
            "--at-steps",
            "0,1,2,3,4,5,6,7,8,9,10",
            "--panel",
            "4000",
            "--out",
            in("r.png")),
        2,
        "the picture would be 44000 x 4000 pixels; the limit is 40 million: lower --panel or"
            + " --at-steps");
    refused(
        run(
            "plot",
            "trajectories",
            "--model",
            "gaussian:0,1",
            "-n",
            "100000000",
            "--steps",
            "1000",
            "--out",
            in("t.png")),
        2,
        "100000000 points x 1001 recorded steps need about");
  }

  /** Stands for a size no check foresaw. */
  @picocli.CommandLine.Command(name = "greedy")
  static final class Greedy implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void anUnforeseenOutOfMemoryErrorIsStillOneLine() throws IOException {
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new Greedy(), new PrintWriter(new StringWriter()), new PrintWriter(err));
    refused(
        new String[] {String.valueOf(code), "", err.toString()},
        1,
        "out of memory (the JVM may use");
  }

  @Test
  void evalRefusesMoreThanItsQuadraticMetricsCanScore() throws IOException {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i <= EvalCommand.MAX_POINTS; i++) {
      csv.append(i % 100).append(',').append(i % 7).append('\n');
    }
    Path big = dir.resolve("big.csv");
    Files.write(big, csv.toString().getBytes(StandardCharsets.UTF_8));
    before = listing();
    refused(
        run("eval", "--real", points.toString(), "--generated", big.toString()),
        1,
        big + " has 100001 points; eval compares at most 100000 per file");
  }

  @Test
  void aRefusedCommandLeavesAnExistingOutputAlone() throws IOException {
    Path old = dir.resolve("old.csv");
    Files.write(old, "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
    Files.createDirectory(dir.resolve("d.png"));
    before = listing();
    refused(
        run("sample", "--model", "gaussian:0,1", "--out", old.toString(), "--plot", in("d.png")),
        1,
        "is a directory");
    assertEquals(List.of("x,y", "1,2"), Files.readAllLines(old));
  }

  @Test
  void successfulOutputsAllAppearAndNothingElse() throws IOException {
    String[] ok =
        run(
            "sample",
            "--model",
            "gaussian:0,1",
            "-n",
            "20",
            "--steps",
            "5",
            "--out",
            in("new/s.csv"),
            "--plot",
            in("new/s.png"));
    assertEquals("0", ok[0], ok[2]);
    List<Path> expected = new ArrayList<>(before);
    expected.add(dir.resolve("new"));
    expected.add(dir.resolve("new/s.csv"));
    expected.add(dir.resolve("new/s.png"));
    expected.sort(null);
    assertEquals(expected, listing());
    assertEquals(21, Files.readAllLines(dir.resolve("new/s.csv")).size());
  }
}
