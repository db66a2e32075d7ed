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
import picocli.CommandLine.Spec;

/**
 * {@code runtime plot samples}: real data beside generated points, on the same axes (as in the Two
 * Moons Diffusion write-up).
 */
@Command(
    name = "samples",
    mixinStandardHelpOptions = true,
    description = {
      "Real data (from --real, or a points: model's file) beside samples of the model, on the same axes."
    },
    footer = {
      "",
      "Example:",
      "  runtime plot samples --model models/moons.onnx --real real.csv --sampler ddim --steps 50 --out samples.png"
    })
public final class PlotSamplesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin SamplerOptions sampling;
  @Mixin PlotOptions plot;
  @Mixin DrawOptions draw;
  @Mixin RealOption real;

  @Override
  public Integer call() throws Exception {
    double[] bounds = plot.bounds(spec.commandLine());
    draw.check(spec.commandLine());
    Limits.picture(spec.commandLine(), 2L * plot.panel, plot.panel, "--panel");
    try (OutputSet outputs = new OutputSet();
        ModelArgument opened = PlotCommands.open(outputs, model, real, plot.out)) {
      Sampler sampler = sampling.create(spec.commandLine(), opened.denoiser(), opened.recipe());
      draw.checkMemory(spec.commandLine(), opened.denoiser(), 0);
      Points generated = Sampling.generate(opened.denoiser(), sampler, draw.count, draw.seed);
      Points data = real.read(opened);
      String title = "generated (" + sampler.name() + ", " + sampler.modelCalls() + " model calls)";
      outputs.write(
          plot.out,
          staged -> {
            if (data == null) {
              Plots.scatterGrid(staged, plot.panel, 1, new String[] {title}, bounds, generated);
            } else {
              Plots.scatterGrid(
                  staged,
                  plot.panel,
                  2,
                  new String[] {"real (" + real.source() + ")", title},
                  bounds,
                  data,
                  generated);
            }
          });
      outputs.commit();
    }
    PlotCommands.wrote(spec, plot.out);
    return CliRunner.OK;
  }
}
