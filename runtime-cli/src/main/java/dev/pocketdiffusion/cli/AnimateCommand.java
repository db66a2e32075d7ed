package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.plots.GifAnimation;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtime animate}: the sampling process as a looping animated GIF (as in the Step-by-Step
 * Diffusion experiments' flow animation).
 */
@Command(
    name = "animate",
    mixinStandardHelpOptions = true,
    description = {
      "Animate a sampler run as a looping GIF, from the base draw to the samples.",
      "The --frames frames are spread evenly over the steps; real data (--real, or a points: model's file) is drawn in grey."
    },
    footer = {
      "",
      "Example:",
      "  runtime animate --model models/moons.onnx --steps 50 --frames 50 --size 480 -n 1000 --out moons.gif"
    })
public final class AnimateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin SamplerOptions sampling;
  @Mixin DrawOptions draw;
  @Mixin RealOption real;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.gif",
      description = "Where to write the animation.")
  File out;

  @Option(
      names = "--frames",
      defaultValue = "50",
      paramLabel = "F",
      description = "Number of frames, 2..1000 (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(
      names = "--size",
      defaultValue = "480",
      paramLabel = "PX",
      description = "Width and height in pixels, 100..2000 (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--delay",
      defaultValue = "80",
      paramLabel = "MS",
      description =
          "Time between frames in ms; the last frame holds 20 times longer (default: ${DEFAULT-VALUE}).")
  int delay;

  @Option(
      names = "--range",
      paramLabel = "XMIN,XMAX,YMIN,YMAX",
      description =
          "Fixed axis ranges (default: the percentile box of the first and last frame, padded by 10%%).")
  String range;

  @Override
  public Integer call() throws Exception {
    double[] bounds = PlotOptions.parseRange(spec.commandLine(), range);
    draw.check(spec.commandLine());
    if (frames < 2 || frames > 1000) {
      throw new ParameterException(
          spec.commandLine(), "--frames must be in 2..1000, got " + frames);
    }
    if (size < 100 || size > 2000) {
      throw new ParameterException(
          spec.commandLine(), "--size must be in 100..2000 pixels, got " + size);
    }
    if (delay < 10) {
      throw new ParameterException(
          spec.commandLine(),
          "--delay must be at least 10 ms (GIF counts in 1/100 s), got " + delay);
    }
    long start = System.nanoTime();
    try (OutputSet outputs = new OutputSet();
        ModelArgument opened = PlotCommands.open(outputs, model, real, out)) {
      Sampler sampler = sampling.create(spec.commandLine(), opened.denoiser(), opened.recipe());
      draw.checkMemory(spec.commandLine(), opened.denoiser(), sampling.steps() + 1L);
      StateRecorder recorder = new StateRecorder(null);
      Sampling.generate(opened.denoiser(), sampler, draw.count, draw.seed, recorder);
      List<Points> states = recorder.states();
      List<Points> chosen = new ArrayList<>();
      List<String> captions = new ArrayList<>();
      int last = states.size() - 1;
      for (int k = 0; k < frames; k++) {
        int s = (int) Math.round(k * (double) last / (frames - 1));
        chosen.add(states.get(s));
        captions.add(
            String.format(
                Locale.ROOT,
                "%s step %d/%d  t = %.3f",
                sampler.name(),
                recorder.steps().get(s),
                recorder.steps().get(last),
                recorder.times().get(s)));
      }
      Points data = real.read(opened);
      double[] box = bounds != null ? bounds : Plots.bounds(states.get(0), states.get(last));
      outputs.write(
          out,
          staged ->
              new GifAnimation(size, box, data).write(staged, chosen, captions, delay, 20 * delay));
      outputs.commit();
    }
    spec.commandLine()
        .getErr()
        .printf(
            Locale.ROOT,
            "wrote %s (%d frames, %d points, %.2f s)%n",
            out,
            frames,
            draw.count,
            (System.nanoTime() - start) / 1e9);
    return CliRunner.OK;
  }
}
