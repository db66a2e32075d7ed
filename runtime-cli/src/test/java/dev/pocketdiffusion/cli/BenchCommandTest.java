package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code runtime bench} follows the CLI error contract before measuring anything. */
class BenchCommandTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new RuntimeCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void badValuesAreOneLineUsageErrors() {
    String[] repeats = run("bench", "--repeats", "0");
    assertEquals("2", repeats[0]);
    assertEquals(
        "runtime: error: --repeats must be at least 1, got 0 (see 'bench --help')",
        repeats[2].trim());
    assertEquals("2", run("bench", "--threads", "1,0")[0]);
    assertEquals("2", run("bench", "--memory-steps", "0")[0]);
  }

  @Test
  void aMissingModelIsAFailureNamingTheFile() {
    String[] missing = run("bench", "--model", "no-such-model.onnx");
    assertEquals("1", missing[0]);
    assertTrue(missing[2].contains("no-such-model.onnx: model file not found"), missing[2]);
  }
}
