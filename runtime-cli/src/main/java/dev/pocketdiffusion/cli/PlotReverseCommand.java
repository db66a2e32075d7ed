package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Sampling;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtime plot reverse}: the sampler's state at chosen steps, one panel per step (the
 * Toy-Diffusion write-up's snapshots).
 */
@Command(
    name = "reverse",
    mixinStandardHelpOptions = true,
    description = {
      "The reverse process: the sampler's points at chosen steps (0 = the base draw), one panel per step.",
      "The last step is always shown."
    },
    footer = {
      "",
      "Example:",
      "  runtime plot reverse --model models/moons.onnx --sampler ddpm --steps 1000 --at-steps 0,1,3,5,10,100,500 --out reverse.png"
    })
public final class PlotReverseCommand implements Callable<Integer> {
  /** The Toy-Diffusion write-up's snapshot steps; those past the run's last step are dropped. */
  static final int[] DEFAULT_STEPS = {0, 1, 3, 5, 10, 25, 50, 100, 250, 500, 1000};

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin SamplerOptions sampling;
  @Mixin PlotOptions plot;
  @Mixin DrawOptions draw;

  @Option(
      names = "--at-steps",
      paramLabel = "K1,K2,...",
      description = "Steps to show (default: 0,1,3,5,10,25,50,100,250,500,1000 up to --steps).")
  String atSteps;

  @Override
  public Integer call() throws Exception {
    double[] bounds = plot.bounds(spec.commandLine());
    draw.check(spec.commandLine());
    Set<Integer> wanted = new LinkedHashSet<>();
    if (atSteps == null) {
      for (int k : DEFAULT_STEPS) {
        wanted.add(k);
      }
    } else {
      for (double k : PlotCommands.numbers(spec, "--at-steps", atSteps)) {
        if (k < 0 || k != Math.rint(k)) {
          throw new ParameterException(
              spec.commandLine(), "--at-steps must be whole numbers >= 0, got " + k);
        }
        wanted.add((int) k);
      }
    }
    try (OutputSet outputs = new OutputSet();
        ModelArgument opened = PlotCommands.open(outputs, model, null, plot.out)) {
      Sampler sampler = sampling.create(spec.commandLine(), opened.denoiser(), opened.recipe());
      draw.checkMemory(
          spec.commandLine(), opened.denoiser(), Math.min(wanted.size(), sampling.steps()) + 1L);
      StateRecorder recorder = new StateRecorder(wanted);
      Sampling.generate(opened.denoiser(), sampler, draw.count, draw.seed, recorder);
      recorder.finish();
      List<Points> states = recorder.states();
      String[] titles = new String[states.size()];
      for (int k = 0; k < titles.length; k++) {
        titles[k] =
            String.format(
                Locale.ROOT,
                "%s step %d (t = %.3f)",
                sampler.name(),
                recorder.steps().get(k),
                recorder.times().get(k));
      }
      Limits.picture(
          spec.commandLine(),
          (long) plot.panel * titles.length,
          plot.panel,
          "--panel or --at-steps");
      outputs.write(
          plot.out,
          staged ->
              Plots.scatterGrid(
                  staged,
                  plot.panel,
                  titles.length,
                  titles,
                  bounds,
                  states.toArray(new Points[0])));
      outputs.commit();
    }
    PlotCommands.wrote(spec, plot.out);
    return CliRunner.OK;
  }
}
