package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.likelihood.LikelihoodResult;
import dev.pocketdiffusion.likelihood.OdeLikelihood;
import dev.pocketdiffusion.likelihood.ProbabilityFlow;
import dev.pocketdiffusion.likelihood.StartTime;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.sampling.DataRange;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code runtime plot density}: the model's log p(x) on a grid, as a heat map. */
@Command(
    name = "density",
    mixinStandardHelpOptions = true,
    description = {
      "The model's log-density log p(x) on a grid, as a heat map.",
      "log p (nats) comes from the probability-flow ODE of 'runtime likelihood --method ode', at the centres of --grid × --grid cells.",
      "Values more than --clip nats below the maximum share the darkest colour.",
      "Axes: --range, else the model card's clip box, else the box of 1000 DDIM-50 samples."
    },
    footer = {
      "",
      "Example:",
      "  runtime plot density --model models/moons.onnx --grid 32 --out density.png"
    })
public final class PlotDensityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin PlotOptions plot;

  @Option(
      names = "--grid",
      defaultValue = "32",
      paramLabel = "G",
      description = "Cells per side, 2..200 (default: ${DEFAULT-VALUE}).")
  int grid;

  @Option(
      names = "--tolerance",
      defaultValue = "1e-2",
      paramLabel = "TOL",
      description = {
        "Absolute and relative tolerance of the ODE solver (default: ${DEFAULT-VALUE}, enough for a picture;",
        "'runtime likelihood' uses 1e-5). Every cell shares the solver's steps, so the cost grows with the grid and falls with the tolerance."
      })
  double tolerance;

  @Option(
      names = "--clip",
      defaultValue = "10",
      paramLabel = "NATS",
      description = "Colour range below the maximum, in nats (default: ${DEFAULT-VALUE}).")
  double clip;

  @Override
  public Integer call() throws Exception {
    double[] bounds = plot.bounds(spec.commandLine());
    if (grid < 2 || grid > 200) {
      throw new ParameterException(spec.commandLine(), "--grid must be in 2..200, got " + grid);
    }
    if (!(tolerance > 0) || !(clip > 0)) {
      throw new ParameterException(spec.commandLine(), "--tolerance and --clip must be positive");
    }
    try (OutputSet outputs = new OutputSet();
        ModelArgument opened = PlotCommands.open(outputs, model, null, plot.out)) {
      Denoiser denoiser = opened.denoiser();
      if (denoiser.dimension() != 2) {
        throw new ParameterException(
            spec.commandLine(),
            "density maps need a 2-D model; this one has dimension " + denoiser.dimension());
      }
      double[] box = bounds != null ? bounds : box(denoiser);
      double[] xy = new double[grid * grid * 2];
      for (int r = 0; r < grid; r++) {
        for (int c = 0; c < grid; c++) {
          int i = r * grid + c;
          xy[2 * i] = box[0] + (c + 0.5) * (box[1] - box[0]) / grid;
          xy[2 * i + 1] = box[2] + (r + 0.5) * (box[3] - box[2]) / grid;
        }
      }
      long start = System.nanoTime();
      OdeLikelihood ode =
          new OdeLikelihood(
              denoiser, StartTime.of(denoiser.path()), ProbabilityFlow.DEFAULT_STEP, tolerance);
      LikelihoodResult result = ode.estimate(new Points(grid * grid, 2, xy));
      double[] logP = new double[grid * grid];
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < logP.length; i++) {
        logP[i] = result.logP(i);
        max = Math.max(max, logP[i]);
      }
      String title =
          String.format(Locale.ROOT, "log p(x): yellow %.2f, dark <= %.2f nats", max, max - clip);
      double floor = max - clip;
      outputs.write(
          plot.out, staged -> Plots.heatMap(staged, plot.panel, title, box, grid, logP, floor));
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "log p on %d points: %d model calls, %.1f s%n",
              logP.length,
              result.modelCalls(),
              (System.nanoTime() - start) / 1e9);
      outputs.commit();
    }
    PlotCommands.wrote(spec, plot.out);
    return CliRunner.OK;
  }

  /** The card's clip box, or the box of 1000 DDIM-50 samples. */
  private static double[] box(Denoiser denoiser) {
    DataRange range = denoiser.dataRange();
    if (range != null) {
      return new double[] {range.min()[0], range.max()[0], range.min()[1], range.max()[1]};
    }
    return Plots.bounds(Sampling.generate(denoiser, Samplers.create("ddim", 50), 1000, 0));
  }
}
