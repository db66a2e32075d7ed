package dev.pocketdiffusion.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code runtime plot}: the pictures of the seeds, one subcommand each. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description =
        "Draw a model's samples, its forward and reverse process, sampling paths, log-density or a seed grid as PNG.",
    subcommands = {
      PlotSamplesCommand.class,
      PlotForwardCommand.class,
      PlotReverseCommand.class,
      PlotTrajectoriesCommand.class,
      PlotDensityCommand.class,
      PlotGridCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  runtime plot samples --model models/moons.onnx --real real.csv --out samples.png",
      "  runtime plot forward --data real.csv --times 0,0.1,0.25,0.5,1 --out forward.png",
      "  runtime plot reverse --model models/moons.onnx --at-steps 0,1,3,5,10,50 --out reverse.png",
      "  runtime plot trajectories --model points:two.csv --sampler ddim --steps 20 -n 50 --out paths.png",
      "  runtime plot density --model models/moons.onnx --grid 32 --out density.png",
      "  runtime plot grid --model models/moons.onnx --seeds 9 --out grid.png"
    })
public final class PlotCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing picture: choose samples, forward, reverse, trajectories, density or grid");
  }
}
