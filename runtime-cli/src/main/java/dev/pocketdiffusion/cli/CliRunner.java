package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Runs a picocli command with the toolkit's error contract: a user error prints one line ({@code
 * tool: error: …}) and exits 2 for a bad flag or value, 1 for a bad file or failed run; a stack
 * trace appears only with {@code --verbose}. Exit 0 means every output was written.
 */
public final class CliRunner {
  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for a runtime failure (unreadable file, bad model, diverged training). */
  public static final int FAILURE = 1;

  /** Exit code for a usage error (unknown option, invalid value). */
  public static final int USAGE = 2;

  private CliRunner() {}

  /** Parses {@code args}, runs the chosen subcommand and returns its exit code. */
  public static int run(String tool, Object command, String... args) {
    return run(
        tool, command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * As {@link #run(String, Object, String...)}, with the command's output and errors going to the
   * given writers.
   */
  public static int run(
      String tool, Object command, PrintWriter out, PrintWriter err, String... args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    CommandLine cl = new CommandLine(command).setOut(out).setErr(err);
    cl.setParameterExceptionHandler(
        (ex, ignored) -> {
          PrintWriter w = ex.getCommandLine().getErr();
          w.println(
              tool
                  + ": error: "
                  + ex.getMessage()
                  + " (see '"
                  + ex.getCommandLine().getCommandName()
                  + " --help')");
          w.flush();
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          if (verbose) {
            ex.printStackTrace(w);
          }
          if (ex instanceof InvalidInputException) {
            w.println(tool + ": error: " + ex.getMessage());
            w.flush();
            return FAILURE;
          }
          if (ex instanceof IllegalArgumentException) {
            w.println(
                tool
                    + ": error: "
                    + ex.getMessage()
                    + " (see '"
                    + commandLine.getCommandName()
                    + " --help')");
            w.flush();
            return USAGE;
          }
          w.println(tool + ": error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
          w.flush();
          return FAILURE;
        });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // a size no check foresaw: still one line, and the outputs were discarded on the way out
      if (verbose) {
        e.printStackTrace(err);
      }
      err.println(
          tool
              + ": error: out of memory (the JVM may use "
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MB): ask for fewer points, steps or pixels, or raise the heap with -Xmx");
      err.flush();
      return FAILURE;
    }
  }
}
