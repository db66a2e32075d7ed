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
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import java.io.File;
import java.io.IOException;
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

  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = {"An .onnx model exported by the trainer, or a closed-form denoiser:",
          "gaussian:M1,...,MD,S (data N(M, S²I); one M means (M, M)) or points:FILE.csv (a mixture of the file's points)."})
  String model;

  @Option(names = "--process", paramLabel = "P",
      description = "Closed-form models only: vp, ve or flow (default: vp).")
  String process;

  @Option(names = "--schedule", paramLabel = "S",
      description = "Closed-form models only: vp linear|quadratic|cosine|sigmoid (default linear, T = 1000); ve exp|linear|sqrt|geometric (default geometric).")
  String schedule;

  @Option(names = "--sampler", defaultValue = "ddim", paramLabel = "NAME",
      description = "One of: " + Samplers.NAMES + " (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(names = "--steps", defaultValue = "50", paramLabel = "K",
      description = "Denoising steps, 1..T (default: ${DEFAULT-VALUE}; fewer than T skip timesteps; adaptive chooses its own).")
  int steps;

  @Option(names = "--eta", defaultValue = "0", paramLabel = "E",
      description = "DDIM noise level in [0, 1]: 0 deterministic, 1 = DDPM (default: ${DEFAULT-VALUE}).")
  double eta;

  @Option(names = "--atol", defaultValue = "1e-5", paramLabel = "A",
      description = "adaptive only: absolute error tolerance of Dormand-Prince (default: ${DEFAULT-VALUE}).")
  double atol;

  @Option(names = "--rtol", defaultValue = "1e-5", paramLabel = "R",
      description = "adaptive only: relative error tolerance of Dormand-Prince (default: ${DEFAULT-VALUE}).")
  double rtol;

  @Option(names = "--spacing", defaultValue = "linspace", paramLabel = "S",
      description = "Timestep spacing: linspace, leading, trailing (default: ${DEFAULT-VALUE}).")
  String spacing;

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

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
      description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}, fastest for small batches).")
  int threads;

  @Option(names = "--batch-size", defaultValue = "10000", paramLabel = "B",
      description = {"Points sampled and written per batch (default: ${DEFAULT-VALUE}): memory holds one batch, so -n can be",
          "millions. Batch k > 0 draws from a seed derived from --seed; with -n <= B the output is unchanged."})
  int batchSize;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the samples.")
  File out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Also write a scatter plot of the samples (keeps every point in memory).")
  File plot;

  @Option(names = "--trajectory", paramLabel = "FILE.csv",
      description = "Also record every intermediate state as CSV with columns step,t,i,x,y (step 0 = the base draw); needs -n <= --batch-size.")
  File trajectory;

  @Override
  public Integer call() throws Exception {
    if (steps < 1) {
      throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + steps);
    }
    if (count < 1) {
      throw new ParameterException(spec.commandLine(), "-n must be at least 1, got " + count);
    }
    if (batchSize < 1) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
    }
    if (trajectory != null && count > batchSize) {
      throw new ParameterException(spec.commandLine(),
          "--trajectory records one batch: use -n <= --batch-size (got -n " + count + ", --batch-size " + batchSize + ")");
    }
    Sampler chosen = Samplers.create(sampler, steps, eta, TimestepSpacing.parse(spacing), atol, rtol);
    boolean adaptive = "adaptive".equals(sampler);
    try (ModelArgument opened = ModelArgument.open(model, process, schedule, threads)) {
      Denoiser denoiser = label == null ? opened.denoiser() : Guidance.of(opened.denoiser(), label, guidance);
      int total = denoiser.path().numTimesteps();
      if (total > 0 && steps > total) {
        throw new ParameterException(spec.commandLine(), "--steps must be at most the model's T = " + total + ", got " + steps);
      }
      long start = System.nanoTime();
      int batches = (count + batchSize - 1) / batchSize;
      ProgressBar bar = adaptive ? null : new ProgressBar(chosen.name(), steps * batches);
      int[] done = {0};
      StepListener progress = (step, t, x, n, dim) -> {
        if (step > 0 && bar != null) {
          bar.update(done[0] * steps + step, "");
        }
      };
      List<Points> kept = plot == null ? null : new ArrayList<>();
      if (trajectory == null) {
        writeSamples(denoiser, chosen, progress, done, kept);
      } else {
        AtomicFiles.write(trajectory, stream -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
          TrajectoryCsv recorder = new TrajectoryCsv(w, denoiser.dimension());
          writeSamples(denoiser, chosen, (step, t, x, n, dim) -> {
            recorder.onStep(step, t, x, n, dim);
            progress.onStep(step, t, x, n, dim);
          }, done, kept);
          w.flush();
        });
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (plot != null) {
        Plots.scatterPanels(plot, new String[] {"samples (" + chosen.name() + ", " + chosen.modelCalls() + " model calls)"}, concat(kept));
      }
      spec.commandLine().getErr().printf(Locale.ROOT, "wrote %d samples to %s (%s, %d model calls, %.2f s)%n",
          count, out, chosen.name(), chosen.modelCalls(), seconds);
    }
    return CliRunner.OK;
  }

  /** Samples batch by batch into {@link #out}, keeping the batches in {@code kept} when it is not null. */
  private void writeSamples(Denoiser denoiser, Sampler chosen, StepListener listener, int[] done, List<Points> kept)
      throws IOException {
    AtomicFiles.write(out, stream -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
      PointsCsv.writeHeader(w, denoiser.dimension());
      Sampling.generateInBatches(denoiser, chosen, count, batchSize, seed, listener, batch -> {
        PointsCsv.writeRows(w, batch);
        done[0]++;
        if (kept != null) {
          kept.add(batch);
        }
      });
      w.flush();
    });
  }

  private static Points concat(List<Points> batches) {
    int dim = batches.get(0).dimension();
    int total = 0;
    for (Points p : batches) {
      total += p.size();
    }
    double[] all = new double[total * dim];
    int at = 0;
    for (Points p : batches) {
      System.arraycopy(p.data(), 0, all, at, p.size() * dim);
      at += p.size() * dim;
    }
    return new Points(total, dim, all);
  }
}
