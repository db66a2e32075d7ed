package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runtime likelihood} follows the CLI error contract before any model runs. */
class LikelihoodCommandTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new RuntimeCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  private File points() throws IOException {
    File file = dir.resolve("p.csv").toFile();
    Files.write(file.toPath(), "x,y\n0.5,1\n".getBytes("UTF-8"));
    return file;
  }

  @Test
  void badValuesExitTwoWithOneLine() throws IOException {
    String csv = points().toString();
    String model = dir.resolve("m.onnx").toString();
    String[] zero =
        run("likelihood", "--model", model, "--points", csv, "--method", "elbo", "--samples", "0");
    assertEquals("2", zero[0]);
    assertEquals(
        "runtime: error: --samples must be at least 1, got 0 (see 'likelihood --help')",
        zero[2].trim());
    String[] method =
        run("likelihood", "--model", model, "--points", csv, "--method", "hutchinson");
    assertEquals("2", method[0]);
    assertTrue(method[2].contains("--method must be ode or elbo"), method[2]);
  }

  @Test
  void badFilesExitOneWithOneLine() throws IOException {
    String model = dir.resolve("missing.onnx").toString();
    String[] noPoints =
        run("likelihood", "--model", model, "--points", dir.resolve("none.csv").toString());
    assertEquals("1", noPoints[0]);
    assertTrue(noPoints[2].trim().endsWith("none.csv: file not found"), noPoints[2]);
    String[] noModel = run("likelihood", "--model", model, "--points", points().toString());
    assertEquals("1", noModel[0]);
    assertEquals(1, noModel[2].trim().split("\n").length, noModel[2]);
    assertTrue(noModel[2].contains("missing.onnx"), noModel[2]);
  }

  @Test
  void isListedWithTheOtherCommands() {
    String[] help = run("--help");
    assertEquals("0", help[0]);
    assertTrue(help[1].contains("likelihood"), help[1]);
  }
}
