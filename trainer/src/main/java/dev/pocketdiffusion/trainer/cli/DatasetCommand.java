package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.datasets.LabelledDataset;
import dev.pocketdiffusion.trainer.datasets.PointDataset;
import dev.pocketdiffusion.trainer.training.TrainingLimits;
import dev.pocketdiffusion.trainer.training.WriteFailure;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trainer dataset}: writes a draw of a training dataset as CSV, e.g. as the real data of a
 * plot.
 */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description =
        "Draw points from a training dataset and write them as CSV (header x,y), e.g. for 'runtime plot samples --real'.",
    footer = {
      "",
      "Examples:",
      "  trainer dataset --dataset moons -n 1000 --seed 1 --out moons.csv",
      "  trainer dataset --dataset mix:moons,circle,spiral,dino --class 3 -n 1000 --out dino-class.csv"
    })
public final class DatasetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "NAME",
      description = "One of: " + Datasets.NAMES + ".")
  String dataset;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "Your own data file for a file-backed dataset (dino: a Datasaurus Dozen TSV; default: the shipped copy).")
  File data;

  @Option(
      names = "-n",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Number of points (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Random seed; same seed, same points (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--class",
      paramLabel = "K",
      description = {
        "Only points of class K (0-based) of a labelled dataset (squares, digits, mix:…), e.g. the",
        "reference for scoring 'runtime sample --class K' with 'runtime eval'."
      })
  Integer label;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.csv",
      description = "Where to write the points.")
  File out;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new ParameterException(spec.commandLine(), "-n must be at least 1, got " + count);
    }
    if (count > TrainingLimits.MAX_POINTS) {
      throw new ParameterException(
          spec.commandLine(), "-n must be at most " + TrainingLimits.MAX_POINTS + ", got " + count);
    }
    PointDataset source = Datasets.byName(dataset, data);
    Points points;
    if (label == null) {
      points = source.sample(count, seed);
    } else if (!(source instanceof LabelledDataset)) {
      throw new ParameterException(
          spec.commandLine(), "--class needs a labelled dataset; " + dataset + " has no classes");
    } else {
      LabelledDataset labelled = (LabelledDataset) source;
      try {
        points = labelled.sampleClass(label, count, seed);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--class: " + e.getMessage());
      }
    }
    try {
      PointsCsv.write(out, points);
    } catch (IOException e) {
      throw WriteFailure.of(out, e);
    }
    spec.commandLine()
        .getErr()
        .println(
            "wrote "
                + points.size()
                + " "
                + dataset
                + (label == null ? "" : " class " + label)
                + " points to "
                + out);
    return CliRunner.OK;
  }
}
