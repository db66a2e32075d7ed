package dev.pocketdiffusion.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} flag shared by every command (read by {@link CliRunner}). */
public final class VerboseOption {
  @Option(names = "--verbose", description = "Print stack traces for errors.")
  boolean verbose;
}
