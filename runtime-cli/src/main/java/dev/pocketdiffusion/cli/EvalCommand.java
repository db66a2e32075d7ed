package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.Json;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.metrics.SampleQuality;
import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runtime eval}: scores generated points against real ones. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Compare generated points with real ones and print the metrics as JSON:",
      "MMD² (RBF, median heuristic; lower is better), energy distance, k-NN precision/recall (k = 3),",
      "and the three metrics of the two-moons write-up (distance, histogram MSE, shape) with their mean."
    },
    footer = {"", "Example:", "  runtime eval --real real.csv --generated s.csv"})
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Option(
      names = "--real",
      required = true,
      paramLabel = "A.csv",
      description = "Reference points (header x,y).")
  File real;

  @Option(
      names = "--generated",
      required = true,
      paramLabel = "B.csv",
      description = "Generated points (header x,y).")
  File generated;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed for the k-means of the shape metric (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Points a = PointsCsv.read(real);
    Points b = PointsCsv.read(generated);
    if (a.dimension() != b.dimension()) {
      throw new InvalidInputException(
          real + " has " + a.dimension() + " columns but " + generated + " has " + b.dimension());
    }
    spec.commandLine().getOut().println(Json.write(SampleQuality.evaluate(a, b, seed).asMap()));
    return CliRunner.OK;
  }
}
