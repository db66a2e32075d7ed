package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.io.TrajectoryCsv;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.StepListener;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
    footer = {
      "",
      "Example:",
      "  runtime sample --model runs/moons/model.onnx --sampler ddim --steps 50 -n 1000 --seed 1 --out s.csv"
    })
public final class SampleCommand implements Callable<Integer> {
  /** Heap bytes per coordinate of a --plot point: kept, joined, and XChart's copies. */
  private static final double PLOT_BYTES_PER_COORDINATE = 64;

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;
  @Mixin SamplerOptions sampling;

  @Option(
      names = "-n",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Number of samples (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Random seed; same seed, same samples (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--class",
      paramLabel = "K",
      description = "Class label for a class-conditional model (0-based; default: unconditional).")
  Integer label;

  @Option(
      names = "--guidance",
      paramLabel = "W",
      description =
          "Classifier-free guidance scale with --class: 1 conditional, >1 sharper, 0 unconditional (default: the model card's guidance, else 1).")
  Double guidance;

  @Option(
      names = "--batch-size",
      defaultValue = "10000",
      paramLabel = "B",
      description = {
        "Points sampled and written per batch (default: ${DEFAULT-VALUE}): memory holds one batch, so -n can be",
        "millions. Batch k > 0 draws from a seed derived from --seed; with -n <= B the output is unchanged."
      })
  int batchSize;

  @Option(
      names = "--out",
      paramLabel = "FILE.csv",
      description = "Where to write the samples (default: standard output).")
  File out;

  @Option(
      names = "--start",
      paramLabel = "FILE.csv",
      description = {
        "Start from these draws instead of drawing from --seed: one row per sample (-n is the row count),",
        "draws from the model's base (standard normal for gaussian, and for ve models whose card has the",
        "data's moments), mapped to the path's start as the runtime maps its own; a baked model gets the same input."
      })
  File start;

  @Option(
      names = "--plot",
      paramLabel = "FILE.png",
      description = "Also write a scatter plot of the samples (keeps every point in memory).")
  File plot;

  @Option(
      names = "--trajectory",
      paramLabel = "FILE.csv",
      description =
          "Also record every intermediate state as CSV with columns step,t,i,x,y (step 0 = the base draw); needs -n <= --batch-size.")
  File trajectory;

  /** The rows of {@code --start}, or null. */
  Points startDraws;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new ParameterException(spec.commandLine(), "-n must be at least 1, got " + count);
    }
    if (batchSize < 1) {
      throw new ParameterException(
          spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
    }
    Points starts = null;
    if (start != null) {
      starts = PointsCsv.read(start);
      if (spec.commandLine().getParseResult().hasMatchedOption("-n") && count != starts.size()) {
        throw new ParameterException(
            spec.commandLine(),
            "-n "
                + count
                + " disagrees with --start, which has "
                + starts.size()
                + " rows; leave out -n");
      }
      count = starts.size();
    }
    Limits.range(spec.commandLine(), "-n", count, 1, Limits.MAX_POINTS);
    if (trajectory != null && count > batchSize) {
      throw new ParameterException(
          spec.commandLine(),
          "--trajectory records one batch: use -n <= --batch-size (got -n "
              + count
              + ", --batch-size "
              + batchSize
              + ")");
    }
    startDraws = starts;
    try (OutputSet outputs = new OutputSet()) {
      outputs.input("--model", model.file());
      outputs.input("--start", start);
      outputs.add("--out", out);
      outputs.add("--plot", plot);
      outputs.add("--trajectory", trajectory);
      if (ModelArgument.isBaked(model.model)) {
        new BakedSampling(this).run(outputs);
      } else {
        try (ModelArgument opened = model.open()) {
          sample(opened, outputs);
        }
      }
      outputs.commit();
    }
    return CliRunner.OK;
  }

  /** Samples, writes every staged output and reports on stderr. */
  private void sample(ModelArgument opened, OutputSet outputs) throws IOException {
    Denoiser denoiser =
        label == null
            ? opened.denoiser()
            : Guidance.of(
                opened.denoiser(), label, guidance != null ? guidance : opened.recipe().guidance());
    Sampler chosen = sampling.create(spec.commandLine(), denoiser, opened.recipe());
    Limits.sampling(
        spec.commandLine(), Math.min(count, batchSize), denoiser.dimension(), 0, "--batch-size");
    if (plot != null) {
      Limits.memory(
          spec.commandLine(),
          "--plot of " + count + " points",
          PLOT_BYTES_PER_COORDINATE * count * denoiser.dimension(),
          "-n or leave out --plot");
    }
    long start = System.nanoTime();
    int batches = (int) ((count + (long) batchSize - 1) / batchSize);
    ProgressBar bar =
        sampling.adaptive()
            ? null
            : new ProgressBar(chosen.name(), (long) sampling.steps() * batches);
    int[] done = {0};
    StepListener progress =
        (step, t, x, n, dim) -> {
          if (step > 0 && bar != null) {
            bar.update((long) done[0] * sampling.steps() + step, "");
          }
        };
    List<Points> kept = plot == null ? null : new ArrayList<>();
    if (trajectory == null) {
      writeSamples(outputs, denoiser, chosen, progress, done, kept);
    } else {
      outputs.writeStream(
          trajectory,
          stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            TrajectoryCsv recorder = new TrajectoryCsv(w, denoiser.dimension());
            writeSamples(
                outputs,
                denoiser,
                chosen,
                (step, t, x, n, dim) -> {
                  recorder.onStep(step, t, x, n, dim);
                  progress.onStep(step, t, x, n, dim);
                },
                done,
                kept);
            w.flush();
          });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (plot != null) {
      outputs.write(
          plot,
          staged ->
              Plots.scatterPanels(
                  staged,
                  new String[] {
                    "samples (" + chosen.name() + ", " + chosen.modelCalls() + " model calls)"
                  },
                  concat(kept)));
    }
    spec.commandLine()
        .getErr()
        .printf(
            Locale.ROOT,
            "wrote %d samples to %s (%s, %d model calls, %.2f s)%n",
            count,
            out == null ? "standard output" : out,
            chosen.name(),
            chosen.modelCalls(),
            seconds);
  }

  /**
   * Samples batch by batch into {@link #out} (standard output without {@code --out}), keeping the
   * batches in {@code kept} when it is not null.
   */
  private void writeSamples(
      OutputSet outputs,
      Denoiser denoiser,
      Sampler chosen,
      StepListener listener,
      int[] done,
      List<Points> kept)
      throws IOException {
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      writeCsv(stdout, denoiser, chosen, listener, done, kept);
      if (stdout.checkError()) {
        throw new InvalidInputException(
            "standard output: write failed (full disk or closed pipe), the samples are incomplete; use --out FILE.csv");
      }
      return;
    }
    outputs.writeStream(
        out,
        stream ->
            writeCsv(
                new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16),
                denoiser,
                chosen,
                listener,
                done,
                kept));
  }

  private void writeCsv(
      Writer w,
      Denoiser denoiser,
      Sampler chosen,
      StepListener listener,
      int[] done,
      List<Points> kept)
      throws IOException {
    PointsCsv.writeHeader(w, denoiser.dimension());
    if (startDraws != null) {
      for (int k = 0, from = 0; from < count; k++, from += batchSize) {
        int size = Math.min(batchSize, count - from);
        Points chunk =
            new Points(
                size,
                startDraws.dimension(),
                java.util.Arrays.copyOfRange(
                    startDraws.data(),
                    from * startDraws.dimension(),
                    (from + size) * startDraws.dimension()));
        Points batch =
            Sampling.generate(denoiser, chosen, chunk, Sampling.batchSeed(seed, k), listener);
        PointsCsv.writeRows(w, batch);
        done[0]++;
        if (kept != null) {
          kept.add(batch);
        }
      }
      w.flush();
      return;
    }
    Sampling.generateInBatches(
        denoiser,
        chosen,
        count,
        batchSize,
        seed,
        listener,
        batch -> {
          PointsCsv.writeRows(w, batch);
          done[0]++;
          if (kept != null) {
            kept.add(batch);
          }
        });
    w.flush();
  }

  static Points concat(List<Points> batches) {
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
