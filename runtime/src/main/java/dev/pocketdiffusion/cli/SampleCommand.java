package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.io.TrajectoryCsv;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.StepListener;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code runtime sample}: draws points from a model and writes them as CSV. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Draw samples from a model with ONNX Runtime and write them as CSV (header x,y).",
      "The output file appears only when sampling succeeded."
    },
    footer = {"", "Example:", "  runtime sample --model runs/moons/model.onnx --sampler ddim --steps 50 -n 1000 --seed 1 --out s.csv"})
public final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin SamplerOptions sampling;

  @Option(names = "-n", defaultValue = "1000", paramLabel = "N", description = "Number of samples (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed; same seed, same samples (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--class", paramLabel = "K",
      description = "Class label for a class-conditional model (0-based; default: unconditional).")
  Integer label;

  @Option(names = "--guidance", defaultValue = "1", paramLabel = "W",
      description = "Classifier-free guidance scale with --class: 1 conditional, >1 sharper, 0 unconditional (default: ${DEFAULT-VALUE}).")
  double guidance;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the samples.")
  File out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Also write a scatter plot of the samples.")
  File plot;

  @Option(names = "--trajectory", paramLabel = "FILE.csv",
      description = "Also record every intermediate state as CSV with columns step,t,i,x,y (step 0 = the base draw).")
  File trajectory;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new ParameterException(spec.commandLine(), "-n must be at least 1, got " + count);
    }
    try (ModelArgument opened = model.open()) {
      Denoiser denoiser = label == null ? opened.denoiser() : Guidance.of(opened.denoiser(), label, guidance);
      Sampler chosen = sampling.create(spec.commandLine(), denoiser);
      long start = System.nanoTime();
      ProgressBar bar = sampling.adaptive() ? null : new ProgressBar(chosen.name(), sampling.steps());
      StepListener progress = (step, t, x, n, dim) -> {
        if (step > 0 && bar != null) {
          bar.update(step, "");
        }
      };
      Points[] samples = new Points[1];
      if (trajectory == null) {
        samples[0] = Sampling.generate(denoiser, chosen, count, seed, progress);
      } else {
        AtomicFiles.write(trajectory, stream -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
          TrajectoryCsv recorder = new TrajectoryCsv(w, denoiser.dimension());
          samples[0] = Sampling.generate(denoiser, chosen, count, seed, (step, t, x, n, dim) -> {
            recorder.onStep(step, t, x, n, dim);
            progress.onStep(step, t, x, n, dim);
          });
          w.flush();
        });
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      PointsCsv.write(out, samples[0]);
      if (plot != null) {
        Plots.scatterPanels(plot, new String[] {"samples (" + chosen.name() + ", " + chosen.modelCalls() + " model calls)"}, samples[0]);
      }
      spec.commandLine().getErr().printf(Locale.ROOT, "wrote %d samples to %s (%s, %d model calls, %.2f s)%n",
          count, out, chosen.name(), chosen.modelCalls(), seconds);
    }
    return CliRunner.OK;
  }
}
