package dev.pocketdiffusion.cli;

import picocli.CommandLine.Command;

/** The {@code runtime} command: sample, inspect and evaluate exported models. */
@Command(
    name = "runtime",
    mixinStandardHelpOptions = true,
    version = "pocket-diffusion runtime 0.1.0",
    description =
        "Sample Pocket Diffusion .onnx models with ONNX Runtime, inspect their cards, score samples.",
    subcommands = {
      SampleCommand.class,
      InfoCommand.class,
      EvalCommand.class,
      LikelihoodCommand.class,
      StraightnessCommand.class,
      FrontierCommand.class,
      PlotCommand.class,
      AnimateCommand.class,
      BenchCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  runtime sample --model models/moons.onnx --sampler ddim --steps 50 -n 1000 --seed 1 --out s.csv",
      "  runtime info --json models/moons.onnx",
      "  runtime eval --real real.csv --generated s.csv",
      "  runtime frontier --model models/moons.onnx --real real.csv --md frontier.md --plot frontier.png",
      "  runtime likelihood --model models/moons.onnx --points real.csv --out logp.csv",
      "  runtime plot samples --model models/moons.onnx --real real.csv --out samples.png",
      "  runtime animate --model models/moons.onnx --frames 50 --size 480 --out sampling.gif",
      "",
      "Exit codes: 0 success, 1 bad input file or failed run, 2 bad flag or value."
    })
public final class RuntimeCli implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this),
        "missing command: choose sample, info, eval, likelihood, straightness, frontier, plot, animate or bench");
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(CliRunner.run("runtime", new RuntimeCli(), args));
  }
}
