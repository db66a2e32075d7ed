package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Sampling;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtime plot grid}: samples from consecutive seeds in a square grid (the Toy-Diffusion
 * write-up's nine-seed grid).
 */
@Command(
    name = "grid",
    mixinStandardHelpOptions = true,
    description =
        "Samples of the model from --seeds consecutive seeds (the first is --seed), -n points in each panel, "
            + "in a square grid on shared axes.",
    footer = {
      "",
      "Example:",
      "  runtime plot grid --model models/moons.onnx --seeds 9 -n 500 --out grid.png"
    })
public final class PlotGridCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin SamplerOptions sampling;
  @Mixin PlotOptions plot;
  @Mixin DrawOptions draw;

  @Option(
      names = "--seeds",
      defaultValue = "9",
      paramLabel = "K",
      description = "Number of seeds, 1..100 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Override
  public Integer call() throws Exception {
    double[] bounds = plot.bounds(spec.commandLine());
    draw.check(spec.commandLine());
    if (seeds < 1 || seeds > 100) {
      throw new ParameterException(spec.commandLine(), "--seeds must be in 1..100, got " + seeds);
    }
    int columns = (int) Math.ceil(Math.sqrt(seeds));
    long rows = (seeds + columns - 1) / columns;
    Limits.picture(
        spec.commandLine(),
        (long) plot.panel * Math.min(columns, seeds),
        plot.panel * rows,
        "--panel or --seeds");
    Points[] panels = new Points[seeds];
    String[] titles = new String[seeds];
    try (OutputSet outputs = new OutputSet();
        ModelArgument opened = PlotCommands.open(outputs, model, null, plot.out)) {
      Sampler sampler = sampling.create(spec.commandLine(), opened.denoiser(), opened.recipe());
      draw.checkMemory(spec.commandLine(), opened.denoiser(), seeds);
      for (int s = 0; s < seeds; s++) {
        panels[s] = Sampling.generate(opened.denoiser(), sampler, draw.count, draw.seed + s);
        titles[s] = "seed " + (draw.seed + s);
      }
      outputs.write(
          plot.out,
          staged -> Plots.scatterGrid(staged, plot.panel, columns, titles, bounds, panels));
      outputs.commit();
    }
    PlotCommands.wrote(spec, plot.out);
    return CliRunner.OK;
  }
}
