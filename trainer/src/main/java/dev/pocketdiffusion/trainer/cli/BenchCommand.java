package dev.pocketdiffusion.trainer.cli;

import static dev.pocketdiffusion.bench.BenchFigure.settingsOf;

import ai.djl.pytorch.jni.JniUtils;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.bench.BenchFigure;
import dev.pocketdiffusion.bench.BenchReport;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.trainer.bench.TrainingBenchmark;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingLimits;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trainer bench}: optimiser steps per second of the default (tiny-diffusion-shaped) network
 * on two moons, for each PyTorch thread count and batch size, in interleaved rounds: the toolkit's
 * loop, the same loop without EMA, and a plain DJL loop of the same network and batch shape; the
 * toolkit loop's overhead over the plain one; and the Java-side batch cost.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure training throughput (optimiser steps/s) of the default network (residual MLP, width 128, depth 3,",
      "sinusoidal embeddings) at each batch size and PyTorch thread count, beside a plain DJL loop (EasyTrain:",
      "forward, L2 loss, backward, AdamW step) of the same network and batch shape. Prints a table with the thread",
      "settings on every figure and, with --json, writes the figures as JSON. Medians over interleaved rounds."
    },
    footer = {
      "",
      "Examples:",
      "  trainer bench --json bench-trainer.json",
      "  trainer bench --quick --threads 1 --batches 32"
    })
public final class BenchCommand implements Callable<Integer> {
  /** The overhead acceptance bar, percent over the plain DJL loop. */
  static final double OVERHEAD_BAR = 15;

  /** Most rounds of each measurement (each round is a timed window of training steps). */
  private static final int MAX_REPEATS = 1000;

  private static final String[] LOOPS = {"toolkit", "toolkit-no-ema", "plain-djl"};

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Option(
      names = "--threads",
      defaultValue = "1,2",
      split = ",",
      paramLabel = "T",
      description =
          "PyTorch intra-op thread counts (torch.set_num_threads) to compare (default: ${DEFAULT-VALUE}); inter-op threads stay 1.")
  int[] threads;

  @Option(
      names = "--batches",
      defaultValue = "32,512",
      split = ",",
      paramLabel = "B",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  int[] batches;

  @Option(
      names = "--repeats",
      defaultValue = "5",
      paramLabel = "R",
      description = "Timed rounds per figure (default: ${DEFAULT-VALUE}; --quick uses at most 2).")
  int repeats;

  @Option(
      names = "--quick",
      description = "At most 2 rounds and timed windows of 0.3 s instead of 0.6 s.")
  boolean quick;

  @Option(
      names = "--json",
      paramLabel = "FILE.json",
      description = "Also write every figure as JSON.")
  File json;

  @Override
  public Integer call() throws Exception {
    // PyTorch reads these once, when the engine loads (below); set_num_threads then varies the
    // intra-op count.
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
    if (repeats < 1) {
      throw new ParameterException(
          spec.commandLine(), "--repeats must be at least 1, got " + repeats);
    }
    for (int v : concat(threads, batches)) {
      if (v < 1) {
        throw new ParameterException(
            spec.commandLine(), "--threads and --batches must list numbers >= 1, got " + v);
      }
    }
    for (int t : threads) {
      TrainingLimits.checkThreads(t);
    }
    for (int b : batches) {
      TrainingLimits.range("--batches", b, 1, TrainingLimits.MAX_BATCH_SIZE);
    }
    TrainingLimits.range("--repeats", repeats, 1, MAX_REPEATS);
    int rounds = quick ? Math.min(repeats, 2) : repeats;
    ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library with the properties above
    PrintWriter err = spec.commandLine().getErr();
    TrainingConfig defaults = new TrainingConfig();
    Points data = Datasets.byName(defaults.dataset).sample(defaults.datasetSize, defaults.seed);
    BenchReport report = new BenchReport("trainer bench");
    report.note("network", defaults.network.setDimension(data.dimension()).describe());
    report.note(
        "toolkit_loop",
        "AdamW, cosine lr, grad-norm clip "
            + defaults.gradientClip
            + ", EMA "
            + defaults.emaDecay
            + ", vp/linear/epsilon, "
            + defaults.dataset
            + " ("
            + defaults.datasetSize
            + " points)");
    report.note("plain_loop", "EasyTrain.trainBatch + step, AdamW, L2 loss, one fixed batch");
    report.note("rounds", rounds);
    report.note("quick", quick);
    for (int b : batches) {
      TrainingConfig c = new TrainingConfig();
      c.batchSize = b;
      report.add(
          new BenchFigure(
              "batch_fill",
              "us/batch",
              settingsOf("batch", b, "java_threads", 1),
              TrainingBenchmark.batchFillMicros(c, data, 200)));
    }
    double[][][][] rates = new double[LOOPS.length][threads.length][batches.length][rounds];
    double[][][][] cpuRates = new double[LOOPS.length][threads.length][batches.length][rounds];
    int[] interop = new int[threads.length];
    double seconds = quick ? 0.3 : 0.6;
    double warmupSeconds = seconds / 4;
    File scratch = Files.createTempDirectory("trainer-bench").toFile();
    try {
      for (int r = 0; r < rounds; r++) {
        err.printf("trainer bench: round %d/%d%n", r + 1, rounds);
        err.flush();
        for (int ti = 0; ti < threads.length; ti++) {
          JniUtils.setNumThreads(threads[ti]);
          if (JniUtils.getNumThreads() != threads[ti]) {
            throw new IllegalStateException(
                "PyTorch kept "
                    + JniUtils.getNumThreads()
                    + " threads when asked for "
                    + threads[ti]);
          }
          interop[ti] = JniUtils.getNumInteropThreads();
          for (int bi = 0; bi < batches.length; bi++) {
            for (int k = 0; k < LOOPS.length; k++) {
              int loop = (k + r) % LOOPS.length; // rotate the order, so no loop always runs first
              TrainingConfig c = new TrainingConfig();
              c.batchSize = batches[bi];
              if (loop == 1) {
                c.emaDecay = 0;
              }
              double[] wallAndCpu =
                  loop == 2
                      ? TrainingBenchmark.plainLoop(c, data.dimension(), warmupSeconds, seconds)
                      : TrainingBenchmark.toolkitLoop(c, data, warmupSeconds, seconds, scratch);
              rates[loop][ti][bi][r] = wallAndCpu[0];
              cpuRates[loop][ti][bi][r] = wallAndCpu[1];
            }
          }
        }
      }
    } finally {
      deleteTree(scratch);
    }
    for (int ti = 0; ti < threads.length; ti++) {
      for (int bi = 0; bi < batches.length; bi++) {
        Object[] settings = {
          "batch", batches[bi], "torch_threads", threads[ti], "torch_interop_threads", interop[ti]
        };
        for (int loop = 0; loop < LOOPS.length; loop++) {
          report.add(
              new BenchFigure(
                  "train_steps_per_s",
                  "steps/s",
                  settingsOf(
                      "loop",
                      LOOPS[loop],
                      "batch",
                      batches[bi],
                      "torch_threads",
                      threads[ti],
                      "torch_interop_threads",
                      interop[ti]),
                  rates[loop][ti][bi]));
        }
        report.add(
            new BenchFigure(
                "toolkit_overhead_over_plain",
                "% (bar <= " + OVERHEAD_BAR + ")",
                settingsOf(settings),
                overheads(rates[2][ti][bi], rates[0][ti][bi])));
        report.add(
            new BenchFigure(
                "ema_cost_over_no_ema",
                "%",
                settingsOf(settings),
                overheads(rates[1][ti][bi], rates[0][ti][bi])));
        if (threads[ti] == 1) { // one thread computes on the caller: its CPU time is the whole step
          for (int loop = 0; loop < LOOPS.length; loop++) {
            report.add(
                new BenchFigure(
                    "train_steps_per_cpu_s",
                    "steps/CPU-s",
                    settingsOf(
                        "loop",
                        LOOPS[loop],
                        "batch",
                        batches[bi],
                        "torch_threads",
                        1,
                        "torch_interop_threads",
                        interop[ti]),
                    cpuRates[loop][ti][bi]));
          }
          report.add(
              new BenchFigure(
                  "toolkit_overhead_over_plain_cpu",
                  "% (bar <= " + OVERHEAD_BAR + ")",
                  settingsOf(settings),
                  overheads(cpuRates[2][ti][bi], cpuRates[0][ti][bi])));
        }
      }
    }
    report.printTable(spec.commandLine().getOut());
    if (json != null) {
      AtomicFiles.writeString(json, report.toJson());
    }
    return CliRunner.OK;
  }

  /**
   * Per round, how much slower {@code slower} is than {@code faster}, in percent of the faster
   * one's step time.
   */
  static double[] overheads(double[] faster, double[] slower) {
    double[] percent = new double[faster.length];
    for (int r = 0; r < faster.length; r++) {
      percent[r] = 100 * (faster[r] / slower[r] - 1);
    }
    return percent;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static void deleteTree(File dir) throws IOException {
    try (Stream<java.nio.file.Path> paths = Files.walk(dir.toPath())) {
      for (java.nio.file.Path p :
          (Iterable<java.nio.file.Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
