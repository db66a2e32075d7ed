package dev.pocketdiffusion.cli;

import static dev.pocketdiffusion.onnx.TestGraphs.floats;
import static dev.pocketdiffusion.onnx.TestGraphs.graph;
import static dev.pocketdiffusion.onnx.TestGraphs.model;
import static dev.pocketdiffusion.onnx.TestGraphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile models through the commands (issue 16, classes 5, 6 and 9): a foreign operator needs
 * {@code --allow-any-operator}, a NaN-emitting model fails with one line and writes nothing, and a
 * directory or FIFO given as a model or points file is called what it is.
 */
class HostileModelTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new RuntimeCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString().trim()};
  }

  private File write(String name, byte[] bytes) throws IOException {
    File file = dir.resolve(name).toFile();
    Files.write(file.toPath(), bytes);
    return file;
  }

  private static void assertOneLine(String[] r, int code, String expected) {
    assertEquals(String.valueOf(code), r[0], r[2]);
    assertFalse(r[2].contains("\n"), r[2]);
    assertEquals("runtime: error: " + expected, r[2]);
  }

  @Test
  void aForeignOperatorNeedsTheFlag() throws IOException {
    File neg = write("neg.onnx", model(graph().addNode(node("Neg", "out", "x"))));
    String refused = neg + ": operator Neg is not one the exporter emits; pass";
    File out = dir.resolve("s.csv").toFile();
    String[] sample = run("sample", "--model", neg.getPath(), "-n", "4", "--out", out.getPath());
    assertOneLine(sample, 1, refused + " --allow-any-operator to run it anyway");
    assertFalse(out.exists());
    assertTrue(run("info", neg.getPath())[2].startsWith("runtime: error: " + refused));
    String[] allowed =
        run(
            "sample",
            "--model",
            neg.getPath(),
            "--allow-any-operator",
            "-n",
            "4",
            "--steps",
            "2",
            "--out",
            out.getPath());
    assertEquals("0", allowed[0], allowed[2]);
    assertTrue(out.isFile());
    assertEquals("0", run("info", "--allow-any-operator", neg.getPath())[0]);
  }

  @Test
  void aNanModelFailsWithOneLineAndWritesNothing() throws IOException {
    File nan =
        write(
            "nan.onnx",
            model(
                graph()
                    .addInitializer(floats("inf", new float[] {Float.POSITIVE_INFINITY}))
                    .addNode(node("Mul", "out", "x", "inf"))));
    File out = dir.resolve("s.csv").toFile();
    String[] sample =
        run("sample", "--model", nan.getPath(), "-n", "4", "--steps", "3", "--out", out.getPath());
    assertEquals("1", sample[0], sample[2]);
    assertTrue(sample[2].startsWith("runtime: error: " + nan + ": the network output "), sample[2]);
    assertTrue(
        sample[2].contains("(network evaluation 1) during sampler step 1 of 3; the model is"),
        sample[2]);
    assertFalse(sample[2].contains("\n"), sample[2]);
    assertFalse(out.exists(), "no samples from a NaN model");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
    File points = write("p.csv", "x,y\n0.5,1\n-1,2\n".getBytes("UTF-8"));
    String[] likelihood = run("likelihood", "--model", nan.getPath(), "--points", points.getPath());
    assertEquals("1", likelihood[0], likelihood[2]);
    assertTrue(likelihood[2].contains(nan + ": the network output "), likelihood[2]);
    assertTrue(likelihood[2].contains(" while scoring " + points + "; the model"), likelihood[2]);
  }

  @Test
  void directoriesAndFifosAreCalledWhatTheyAre() throws Exception {
    String folder = dir.toString();
    assertOneLine(
        run("sample", "--model", folder, "-n", "4"),
        1,
        folder + ": is a directory, expected a model file");
    File fifo = dir.resolve("fifo.csv").toFile();
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.getPath()).start().waitFor());
    String[] points =
        run("likelihood", "--model", "../models/moons.onnx", "--points", fifo.getPath());
    assertOneLine(
        points, 1, fifo + ": is not a regular file (a FIFO, device or socket), expected a file");
    assertOneLine(
        run("info", fifo.getPath()),
        1,
        fifo + ": is not a regular file (a FIFO, device or socket), expected a model file");
  }
}
