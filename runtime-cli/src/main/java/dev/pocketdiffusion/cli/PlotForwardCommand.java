package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.plots.Plots;
import java.io.File;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtime plot forward}: data noised to chosen times, one panel per time (tiny-diffusion's
 * forward-process strip).
 */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    description = {
      "The forward process x_t = a(t)·x0 + b(t)·x1 of data points at chosen times, one panel per time.",
      "t runs from 0 (data) to 1 (noise); every panel uses the same base draw x1."
    },
    footer = {
      "",
      "Example:",
      "  runtime plot forward --data real.csv --process vp --schedule cosine --times 0,0.1,0.25,0.5,1 --out forward.png"
    })
public final class PlotForwardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin PlotOptions plot;
  @Mixin OperatorOption operators;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE.csv",
      description = "The data points x0 (header x,y).")
  File data;

  @Option(
      names = "--model",
      paramLabel = "M.onnx",
      description = "Use this model's path (default: --process/--schedule).")
  File model;

  @Option(names = "--process", paramLabel = "P", description = "vp, ve or flow (default: vp).")
  String process;

  @Option(
      names = "--schedule",
      paramLabel = "S",
      description =
          "vp linear|quadratic|cosine|sigmoid (default linear, T = 1000); ve exp|linear|sqrt|geometric (default geometric).")
  String schedule;

  @Option(
      names = "--times",
      defaultValue = "0,0.05,0.1,0.25,0.5,1",
      paramLabel = "T1,T2,...",
      description = "Path times to show (default: ${DEFAULT-VALUE}).")
  String times;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the base draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    double[] bounds = plot.bounds(spec.commandLine());
    double[] ts = PlotCommands.numbers(spec, "--times", times);
    for (double t : ts) {
      try {
        PathPoint.checkTime(t);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--times: " + e.getMessage());
      }
    }
    Limits.picture(
        spec.commandLine(), (long) plot.panel * ts.length, plot.panel, "--panel or --times");
    try (OutputSet outputs = new OutputSet()) {
      outputs.input("--data", data).input("--model", model).add("--out", plot.out);
      draw(outputs, ts, bounds);
      outputs.commit();
    }
    PlotCommands.wrote(spec, plot.out);
    return CliRunner.OK;
  }

  /** Noises the data to each time and writes the panels. */
  private void draw(OutputSet outputs, double[] ts, double[] bounds) {
    Points x0 = PointsCsv.read(data);
    AffinePath path;
    if (model != null) {
      if (process != null || schedule != null) {
        throw new ParameterException(
            spec.commandLine(),
            "give --model or --process/--schedule, not both: the model's card fixes its path");
      }
      try (ModelArgument opened =
          ModelArgument.open(model.getPath(), null, null, 1, operators.allowAnyOperator)) {
        path = opened.denoiser().path();
      }
    } else {
      path = ModelArgument.path(process, schedule);
    }
    int n = x0.size();
    int dim = x0.dimension();
    Limits.memory(
        spec.commandLine(),
        ts.length + " panels of " + n + " points",
        8.0 * n * dim * (ts.length + 1),
        "--times or the points in --data");
    double[] x1 = new double[n * dim];
    path.base().sample(x1, n, dim, new Random(seed));
    Points[] panels = new Points[ts.length];
    String[] titles = new String[ts.length];
    for (int k = 0; k < ts.length; k++) {
      PathPoint p = path.at(ts[k]);
      double[] xt = new double[n * dim];
      for (int i = 0; i < xt.length; i++) {
        xt[i] = p.a * x0.data()[i] + p.b * x1[i];
      }
      panels[k] = new Points(n, dim, xt);
      titles[k] = String.format(Locale.ROOT, "%s t = %.2f", path.process(), ts[k]);
    }
    outputs.write(
        plot.out,
        staged -> Plots.scatterGrid(staged, plot.panel, ts.length, titles, bounds, panels));
  }
}
