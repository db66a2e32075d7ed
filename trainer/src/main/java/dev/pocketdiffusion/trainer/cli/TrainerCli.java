package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.CliRunner;
import picocli.CommandLine.Command;

/** The {@code trainer} command. */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    version = "pocket-diffusion trainer 0.1.0",
    description = "Train tiny diffusion models with DJL (PyTorch engine) and export them to ONNX.",
    subcommands = {TrainCommand.class, ExportCommand.class, BenchCommand.class},
    footer = {
      "",
      "Example:",
      "  trainer train --dataset moons --out runs/moons",
      "  trainer export --checkpoint runs/moons/checkpoint --out moons.onnx",
      "",
      "Exit codes: 0 success, 1 failed run (e.g. training diverged), 2 bad flag or value."
    })
public final class TrainerCli implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "missing command: choose train or export");
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(CliRunner.run("trainer", new TrainerCli(), args));
  }
}
