package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.Json;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.metrics.SampleQuality;
import java.io.File;
import java.util.Locale;
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

  /** Most points per file: the metrics are quadratic (20 000 against 20 000 took 24 s). */
  static final int MAX_POINTS = 100_000;

  /** Pairs up to which eval runs without a word (about a second). */
  private static final long QUIET_PAIRS = 25_000_000L;

  @Override
  public Integer call() {
    Points a = checked(real, PointsCsv.read(real));
    Points b = checked(generated, PointsCsv.read(generated));
    if (a.dimension() != b.dimension()) {
      throw new InvalidInputException(
          real + " has " + a.dimension() + " columns but " + generated + " has " + b.dimension());
    }
    if ((long) a.size() * b.size() > QUIET_PAIRS) {
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "comparing %d real with %d generated points (the metrics visit every pair: this takes"
                  + " a while)%n",
              a.size(),
              b.size());
    }
    spec.commandLine().getOut().println(Json.write(SampleQuality.evaluate(a, b, seed).asMap()));
    return CliRunner.OK;
  }

  static Points checked(File file, Points points) {
    if (points.size() > MAX_POINTS) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "%s has %d points; eval compares at most %d per file (its metrics visit every pair):"
                  + " score a random subset",
              file,
              points.size(),
              MAX_POINTS));
    }
    return points;
  }
}
