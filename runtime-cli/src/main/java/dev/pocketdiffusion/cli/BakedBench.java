package dev.pocketdiffusion.cli;

import static dev.pocketdiffusion.bench.BenchFigure.settingsOf;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.bench.BenchFigure;
import dev.pocketdiffusion.bench.BenchReport;
import dev.pocketdiffusion.bench.CpuClock;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.onnx.OnnxBakedSampler;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.StepListener;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The baked-versus-loop part of {@code runtime bench --baked}: for each baked model, the same
 * sampler run from the same draws by the Java loop over the source model and by the baked graph in
 * one ONNX Runtime call, at batch 1, 100 and 1000, in interleaved rounds after a warm-up, one
 * intra-op thread.
 */
final class BakedBench {
  /** Batch sizes compared. */
  static final int[] BATCHES = {1, 100, 1000};

  private BakedBench() {}

  /** Adds, per baked model and batch, the milliseconds of both ways and the loop/baked ratio. */
  static void measure(
      BenchReport report,
      File source,
      List<File> bakedFiles,
      int rounds,
      boolean quick,
      boolean allowAnyOperator,
      PrintWriter err) {
    try (OnnxDenoiser model =
        OnnxDenoiser.builder().setModel(source).optAllowAnyOperator(allowAnyOperator).build()) {
      for (File file : bakedFiles) {
        try (OnnxBakedSampler baked =
            OnnxBakedSampler.builder()
                .setModel(file)
                .optAllowAnyOperator(allowAnyOperator)
                .build()) {
          ModelCard card = baked.card();
          report.note("baked " + file.getName() + " bytes", file.length());
          Sampler sampler =
              Samplers.create(
                  card.bakedSampler(),
                  card.bakedSteps(),
                  0.0,
                  card.bakedSpacing() == null ? null : TimestepSpacing.parse(card.bakedSpacing()));
          if (model.dimension() != baked.dimension()) {
            throw new InvalidInputException(
                file + ": baked from a model of another dimension than " + source);
          }
          double[][] loop = new double[BATCHES.length][rounds];
          double[][] graph = new double[BATCHES.length][rounds];
          double[][] loopCpu = new double[BATCHES.length][rounds];
          double[][] graphCpu = new double[BATCHES.length][rounds];
          Points[] draws = new Points[BATCHES.length];
          for (int b = 0; b < BATCHES.length; b++) {
            draws[b] = baked.draws(BATCHES[b], b);
            final int at = b;
            time(() -> Sampling.generate(model, sampler, draws[at], 0, StepListener.NONE), 2);
            time(() -> baked.sample(draws[at]), 2);
          }
          for (int r = 0; r < rounds; r++) {
            err.printf("runtime bench: %s round %d/%d%n", file.getName(), r + 1, rounds);
            err.flush();
            for (int b = 0; b < BATCHES.length; b++) {
              int repeats = runsFor(BATCHES[b], quick);
              final int at = b;
              BenchCommand.WallAndCpu java =
                  time(
                      () -> Sampling.generate(model, sampler, draws[at], 0, StepListener.NONE),
                      repeats);
              BenchCommand.WallAndCpu one = time(() -> baked.sample(draws[at]), repeats);
              loop[b][r] = java.wall();
              loopCpu[b][r] = java.cpu();
              graph[b][r] = one.wall();
              graphCpu[b][r] = one.cpu();
            }
          }
          for (int b = 0; b < BATCHES.length; b++) {
            add(report, file.getName(), card, BATCHES[b], "", "ms/run", loop[b], graph[b]);
            add(
                report,
                file.getName(),
                card,
                BATCHES[b],
                "_cpu",
                "CPU-ms/run",
                loopCpu[b],
                graphCpu[b]);
          }
        }
      }
    }
  }

  private static void add(
      BenchReport report,
      String name,
      ModelCard card,
      int batch,
      String suffix,
      String unit,
      double[] loop,
      double[] graph) {
    Object[] run = {
      "baked",
      name,
      "sampler",
      card.bakedSampler(),
      "steps",
      String.valueOf(card.bakedSteps()),
      "batch",
      batch
    };
    Map<String, Object> java = settingsOf(run);
    java.put("way", "java_loop");
    Map<String, Object> one = settingsOf(run);
    one.put("way", "baked");
    report.add(new BenchFigure("sample_baked_vs_loop" + suffix, unit, java, loop));
    report.add(new BenchFigure("sample_baked_vs_loop" + suffix, unit, one, graph));
    double[] ratio = new double[loop.length];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = loop[r] / graph[r];
    }
    report.add(new BenchFigure("loop_over_baked" + suffix, "x", settingsOf(run), ratio));
  }

  private static int runsFor(int batch, boolean quick) {
    int runs = batch == 1 ? 200 : batch <= 100 ? 40 : 8;
    return quick ? runs / 2 : runs;
  }

  /** Mean wall and calling-thread CPU milliseconds of {@code runs} runs of {@code work}. */
  private static BenchCommand.WallAndCpu time(Runnable work, int runs) {
    long start = System.nanoTime();
    long cpuStart = CpuClock.threadNanos();
    for (int i = 0; i < runs; i++) {
      work.run();
    }
    return new BenchCommand.WallAndCpu(
        (System.nanoTime() - start) / 1e6 / runs, (CpuClock.threadNanos() - cpuStart) / 1e6 / runs);
  }
}
