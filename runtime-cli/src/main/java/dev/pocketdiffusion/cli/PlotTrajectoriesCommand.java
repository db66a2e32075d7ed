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
 * {@code runtime plot trajectories}: the paths points take from the base to the data (as in the
 * Step-by-Step Diffusion experiments).
 */
@Command(
    name = "trajectories",
    mixinStandardHelpOptions = true,
    description = {
      "The path of each point through a sampler run, from its base draw (grey) to its sample (blue).",
      "Real data (from --real, or a points: model's file) is drawn behind in light grey."
    },
    footer = {
      "",
      "Example:",
      "  runtime plot trajectories --model points:two.csv --sampler ddim --steps 20 -n 50 --out paths.png"
    })
public final class PlotTrajectoriesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin SamplerOptions sampling;
  @Mixin PlotOptions plot;
  @Mixin DrawOptions draw = new DrawOptions(50);
  @Mixin RealOption real;

  @Override
  public Integer call() throws Exception {
    double[] bounds = plot.bounds(spec.commandLine());
    draw.check(spec.commandLine());
    try (OutputSet outputs = new OutputSet();
        ModelArgument opened = PlotCommands.open(outputs, model, real, plot.out)) {
      Sampler sampler = sampling.create(spec.commandLine(), opened.denoiser(), opened.recipe());
      draw.checkMemory(spec.commandLine(), opened.denoiser(), sampling.steps() + 1L);
      StateRecorder recorder = new StateRecorder(null);
      Sampling.generate(opened.denoiser(), sampler, draw.count, draw.seed, recorder);
      Points data = real.read(opened);
      String title =
          draw.count + " paths (" + sampler.name() + ", " + sampler.modelCalls() + " model calls)";
      outputs.write(
          plot.out,
          staged ->
              Plots.trajectories(
                  staged,
                  plot.panel,
                  title,
                  bounds,
                  recorder.states().toArray(new Points[0]),
                  data));
      outputs.commit();
    }
    PlotCommands.wrote(spec, plot.out);
    return CliRunner.OK;
  }
}
