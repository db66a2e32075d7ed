package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.RuntimeCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command-line tools in-process and captures what they print. */
final class CliHarness {
  final int exitCode;
  final String out;
  final String err;

  private CliHarness(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static CliHarness runtime(String... args) {
    return run("runtime", new RuntimeCli(), args);
  }

  static CliHarness trainer(String... args) {
    return run("trainer", new TrainerCli(), args);
  }

  private static CliHarness run(String tool, Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(tool, command, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliHarness(code, out.toString(), err.toString());
  }
}
