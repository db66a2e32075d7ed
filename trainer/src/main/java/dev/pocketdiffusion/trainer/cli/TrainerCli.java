package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.CliRunner;
import picocli.CommandLine.Command;

/** The {@code trainer} command. */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    version = "pocket-diffusion trainer 0.1.0",
    description = "Train tiny diffusion models with DJL (PyTorch engine) and export them to ONNX.",
    subcommands = {
      TrainCommand.class,
      ExportCommand.class,
      BakeCommand.class,
      AblateCommand.class,
      DatasetCommand.class,
      ZooCommand.class,
      ReflowCommand.class,
      DistillCommand.class,
      BenchCommand.class
    },
    footer = {
      "",
      "Example:",
      "  trainer train --dataset moons --out runs/moons",
      "  trainer export --checkpoint runs/moons/checkpoint --out moons.onnx",
      "  trainer bake --model moons.onnx --sampler ddim --steps 50 --out moons-ddim-50.onnx",
      "  trainer ablate --param lr=1e-4,1e-3,1e-2 --dataset moons --steps 3000 --out runs/ablate-lr",
      "  trainer dataset --dataset moons -n 1000 --out moons.csv",
      "  trainer zoo --only moons",
      "  trainer reflow --teacher models/moons.onnx --out runs/moons-reflow",
      "  trainer distill --teacher models/moons.onnx --calls 2 --out runs/moons-2call",
      "",
      "Exit codes: 0 success, 1 failed run (e.g. training diverged), 2 bad flag or value;",
      "130 (Ctrl-C) or 143 (SIGTERM) after training stopped at a checkpoint."
    })
public final class TrainerCli implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this),
        "missing command: choose train, export, bake, ablate, dataset, zoo, reflow, distill or bench");
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(CliRunner.run("trainer", new TrainerCli(), args));
  }
}
