package dev.pocketdiffusion.cli;

import static dev.pocketdiffusion.bench.BenchFigure.settingsOf;

import ai.onnxruntime.OrtException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.bench.BenchFigure;
import dev.pocketdiffusion.bench.BenchReport;
import dev.pocketdiffusion.bench.CpuClock;
import dev.pocketdiffusion.bench.GemmPeak;
import dev.pocketdiffusion.bench.OnnxFlops;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtime bench}: how fast a model samples. Per ONNX Runtime intra-op thread setting, in
 * interleaved rounds after a warm-up: wall time of 1000 points with each standard sampler, time per
 * model call at batch 1, 1000 and 10 000, the sampling loop's cost over pure model calls, FLOPs per
 * point and the rate achieved beside a MatMul peak; then the memory of streaming a million points
 * to a CSV in a child JVM limited to 256 MB of heap.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure sampling speed, model-call time, FLOP rate against the machine's MatMul peak, and the memory of",
      "sampling a million points to CSV. Prints a table (every figure with its thread settings) and, with --json,",
      "writes the same figures as JSON. Figures are medians over interleaved rounds after a warm-up."
    },
    footer = {
      "",
      "Examples:",
      "  runtime bench --model models/moons.onnx --json bench-runtime.json",
      "  runtime bench --quick              (about a third of the time, fewer rounds)"
    })
public final class BenchCommand implements Callable<Integer> {
  /**
   * The run of the loop-overhead figure, set against as many model calls at batch {@link #POINTS}.
   */
  static final SamplerRun LOOP_RUN = new SamplerRun("ddim", 50);

  /** The timed sampling runs. */
  static final List<SamplerRun> SAMPLERS =
      List.of(
          new SamplerRun("ddpm", 1000),
          LOOP_RUN,
          new SamplerRun("dpm++2m", 15),
          new SamplerRun("euler", 50),
          new SamplerRun("heun", 25));

  /** Batch sizes of the model-call timings. */
  static final int[] BATCHES = {1, 1000, 10_000};

  /** Points of each timed sampling run. */
  static final int POINTS = 1000;

  /** Side of the square MatMul of the peak probe. */
  static final int GEMM_SIZE = 1024;

  /** The loop-overhead acceptance bar: ddim-50 within this factor of 50 batch-1000 calls. */
  static final double LOOP_BAR = 1.2;

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin OperatorOption operators;

  @Option(
      names = "--model",
      defaultValue = "models/moons.onnx",
      paramLabel = "M.onnx",
      description = "The model to measure (default: ${DEFAULT-VALUE}).")
  File model;

  @Option(
      names = "--threads",
      defaultValue = "1,2",
      split = ",",
      paramLabel = "T",
      description = "ONNX Runtime intra-op thread counts to compare (default: ${DEFAULT-VALUE}).")
  int[] threads;

  @Option(
      names = "--repeats",
      defaultValue = "5",
      paramLabel = "R",
      description = "Timed rounds per figure (default: ${DEFAULT-VALUE}; --quick uses at most 2).")
  int repeats;

  @Option(names = "--quick", description = "At most 2 rounds and half the model calls per timing.")
  boolean quick;

  @Option(
      names = "--memory-points",
      defaultValue = "1000000",
      paramLabel = "N",
      description =
          "Points of the streamed-CSV memory run (default: ${DEFAULT-VALUE}); 0 skips it.")
  int memoryPoints;

  @Option(
      names = "--memory-steps",
      defaultValue = "5",
      paramLabel = "K",
      description = {
        "DDIM steps of the memory run (default: ${DEFAULT-VALUE}): memory holds one batch whatever K is;",
        "K only sets its duration (a million points x 50 steps is about 10 TFLOP)."
      })
  int memorySteps;

  @Option(
      names = "--baked",
      split = ",",
      paramLabel = "B.onnx",
      description = {
        "Baked models of --model (trainer bake) to time against the Java loop running the same sampler from the",
        "same draws, at batch 1, 100 and 1000 with one intra-op thread."
      })
  List<File> baked;

  @Option(
      names = "--only-baked",
      description = "With --baked: measure only the baked-versus-loop figures.")
  boolean onlyBaked;

  @Option(
      names = "--json",
      paramLabel = "FILE.json",
      description = "Also write every figure as JSON.")
  File json;

  @Override
  public Integer call() throws Exception {
    if (repeats < 1) {
      throw new ParameterException(
          spec.commandLine(), "--repeats must be at least 1, got " + repeats);
    }
    for (int t : threads) {
      Limits.threads(spec.commandLine(), "--threads", t);
    }
    if (memoryPoints < 0) {
      throw new ParameterException(
          spec.commandLine(), "--memory-points must be >= 0, got " + memoryPoints);
    }
    Limits.range(spec.commandLine(), "--memory-points", memoryPoints, 0, Limits.MAX_POINTS);
    if (memorySteps < 1) {
      throw new ParameterException(
          spec.commandLine(), "--memory-steps must be at least 1, got " + memorySteps);
    }
    if (onlyBaked && baked == null) {
      throw new ParameterException(spec.commandLine(), "--only-baked needs --baked");
    }
    if (!model.isFile()) {
      throw new InvalidInputException(model + ": model file not found");
    }
    try (OutputSet outputs = new OutputSet()) {
      outputs.input("--model", model);
      if (baked != null) {
        for (File b : baked) {
          outputs.input("--baked", b);
        }
      }
      outputs.add("--json", json);
      measure(outputs);
      outputs.commit();
    }
    return CliRunner.OK;
  }

  /** Measures every figure, prints the table and writes the staged --json. */
  private void measure(OutputSet outputs) throws Exception {
    int rounds = quick ? Math.min(repeats, 2) : repeats;
    PrintWriter err = spec.commandLine().getErr();
    BenchReport report = new BenchReport("runtime bench");
    report.note("model", model.getPath());
    report.note("rounds", rounds);
    report.note("quick", quick);
    if (baked != null) {
      BakedBench.measure(report, model, baked, rounds, quick, operators.allowAnyOperator, err);
    }
    if (onlyBaked) {
      report.printTable(spec.commandLine().getOut());
      if (json != null) {
        outputs.writeStream(
            json, stream -> stream.write(report.toJson().getBytes(StandardCharsets.UTF_8)));
      }
      return;
    }
    byte[] bytes = Files.readAllBytes(model.toPath());
    long flops = OnnxFlops.perRow(bytes, model.getPath());
    report.add(
        new BenchFigure(
            "model_flops_per_point", "FLOP", settingsOf("counted", "Gemm+MatMul"), flops));
    measureModel(report, rounds, flops, err);
    measurePeak(report, rounds, flops, err);
    if (memoryPoints > 0) {
      measureMemory(report, err);
    }
    report.printTable(spec.commandLine().getOut());
    if (json != null) {
      outputs.writeStream(
          json, stream -> stream.write(report.toJson().getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** A timed sampling run of {@link #POINTS} points: a standard sampler and its steps. */
  record SamplerRun(String sampler, int steps) {
    /**
     * The figure settings of this run at {@code threads} intra-op threads (steps as text, as the
     * JSON has them).
     */
    Map<String, Object> settings(int threads) {
      return settingsOf(
          "sampler", sampler, "steps", String.valueOf(steps), "ort_intra_op_threads", threads);
    }
  }

  /** Wall time and the calling thread's CPU time of one timed piece of work, in one unit. */
  record WallAndCpu(double wall, double cpu) {}

  /** The per-round wall and CPU times of one measurement. */
  static final class Rounds {
    final double[] wall;
    final double[] cpu;

    Rounds(int rounds) {
      wall = new double[rounds];
      cpu = new double[rounds];
    }

    void put(int round, WallAndCpu time) {
      wall[round] = time.wall();
      cpu[round] = time.cpu();
    }
  }

  /** Every timing at one intra-op thread count, looked up by sampler name or batch size. */
  static final class ThreadTimings {
    final int threads;

    /** Microseconds per chunked denoiser call at the largest batch, per round (wall only). */
    final double[] chunked;

    private final Map<String, Rounds> runs = new LinkedHashMap<>();
    private final Map<Integer, Rounds> calls = new LinkedHashMap<>();

    ThreadTimings(int threads, int rounds) {
      this.threads = threads;
      this.chunked = new double[rounds];
      for (SamplerRun run : SAMPLERS) {
        runs.put(run.sampler(), new Rounds(rounds));
      }
      for (int batch : BATCHES) {
        calls.put(batch, new Rounds(rounds));
      }
    }

    /** Milliseconds per sampling run of {@code sampler}. */
    Rounds run(String sampler) {
      return runs.get(sampler);
    }

    /** Microseconds per model call at {@code batch}. */
    Rounds call(int batch) {
      return calls.get(batch);
    }
  }

  private void measureModel(BenchReport report, int rounds, long flops, PrintWriter err) {
    List<ThreadTimings> timings = new ArrayList<>();
    for (int t : threads) {
      timings.add(new ThreadTimings(t, rounds));
    }
    int largest = BATCHES[BATCHES.length - 1];
    List<AutoCloseable> open = new ArrayList<>();
    try {
      List<OnnxNetwork> networks = new ArrayList<>();
      List<OnnxDenoiser> denoisers = new ArrayList<>();
      for (int t : threads) {
        OnnxNetwork network = OnnxNetwork.open(model, t, operators.allowAnyOperator);
        open.add(network);
        OnnxDenoiser denoiser =
            OnnxDenoiser.builder()
                .setModel(model)
                .optIntraOpThreads(t)
                .optAllowAnyOperator(operators.allowAnyOperator)
                .build();
        open.add(denoiser);
        microsPerCall(network, 1000, 20); // warm-up: allocation, pre-packing, caches
        Sampling.generate(denoiser, Samplers.create("ddim", 50), POINTS, 0);
        networks.add(network);
        denoisers.add(denoiser);
      }
      for (int r = 0; r < rounds; r++) {
        err.printf("runtime bench: round %d/%d%n", r + 1, rounds);
        err.flush();
        for (int i = 0; i < threads.length; i++) {
          for (int batch : BATCHES) {
            timings
                .get(i)
                .call(batch)
                .put(r, microsPerCall(networks.get(i), batch, callsFor(batch)));
          }
          timings.get(i).chunked[r] = denoiserMicros(denoisers.get(i), largest, callsFor(largest));
        }
        for (int i = 0; i < threads.length; i++) {
          for (SamplerRun run : SAMPLERS) {
            timings.get(i).run(run.sampler()).put(r, millisPerRun(denoisers.get(i), run, r));
          }
        }
      }
    } finally {
      closeAll(open);
    }
    addModelFigures(report, timings, flops);
  }

  /**
   * The figures of {@link #measureModel}: per thread setting, sampling runs, model calls, the
   * chunked call and the loop overhead.
   */
  static void addModelFigures(BenchReport report, List<ThreadTimings> timings, long flops) {
    int largest = BATCHES[BATCHES.length - 1];
    for (ThreadTimings t : timings) {
      for (SamplerRun run : SAMPLERS) {
        report.add(
            new BenchFigure(
                "sample_1000_points", "ms", run.settings(t.threads), t.run(run.sampler()).wall));
      }
    }
    for (ThreadTimings t : timings) {
      for (int batch : BATCHES) {
        BenchFigure call =
            report.add(
                new BenchFigure(
                    "model_call",
                    "us/call",
                    settingsOf("batch", batch, "ort_intra_op_threads", t.threads),
                    t.call(batch).wall));
        report.add(
            new BenchFigure(
                "model_call_rate",
                "GFLOP/s",
                call.settings(),
                flops * batch / (call.median() * 1e-6) / 1e9));
      }
    }
    for (ThreadTimings t : timings) {
      report.add(
          new BenchFigure(
              "denoiser_call_chunked",
              "us/call",
              settingsOf(
                  "batch", largest, "chunk_rows", "<= 1024", "ort_intra_op_threads", t.threads),
              t.chunked));
    }
    for (ThreadTimings t : timings) {
      Rounds run = t.run(LOOP_RUN.sampler());
      Rounds call = t.call(POINTS);
      report.add(
          new BenchFigure(
              "ddim50_over_50_batch1000_calls",
              "x (bar <= " + LOOP_BAR + ")",
              settingsOf("ort_intra_op_threads", t.threads),
              ratios(run.wall, call.wall, LOOP_RUN.steps())));
      if (t.threads == 1) { // one intra-op thread runs on the caller: its CPU time is the whole run
        for (SamplerRun each : SAMPLERS) {
          report.add(
              new BenchFigure(
                  "sample_1000_points_cpu", "CPU-ms", each.settings(1), t.run(each.sampler()).cpu));
        }
        report.add(
            new BenchFigure(
                "model_call_cpu",
                "CPU-us/call",
                settingsOf("batch", POINTS, "ort_intra_op_threads", 1),
                call.cpu));
        report.add(
            new BenchFigure(
                "ddim50_over_50_batch1000_calls_cpu",
                "x (bar <= " + LOOP_BAR + ")",
                settingsOf("ort_intra_op_threads", 1),
                ratios(run.cpu, call.cpu, LOOP_RUN.steps())));
      }
    }
  }

  /**
   * Per round: a sampling run's milliseconds over its {@code steps} model calls' microseconds each.
   */
  private static double[] ratios(double[] runMillis, double[] callMicros, int steps) {
    double[] ratios = new double[runMillis.length];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = runMillis[r] * 1000 / (steps * callMicros[r]);
    }
    return ratios;
  }

  /**
   * Milliseconds of one sampling run of {@link #POINTS} points with {@code run}'s sampler, sampler
   * creation included.
   */
  private static WallAndCpu millisPerRun(OnnxDenoiser denoiser, SamplerRun run, long seed) {
    long start = System.nanoTime();
    long cpuStart = CpuClock.threadNanos();
    Sampling.generate(denoiser, Samplers.create(run.sampler(), run.steps()), POINTS, seed);
    return new WallAndCpu(
        (System.nanoTime() - start) / 1e6, (CpuClock.threadNanos() - cpuStart) / 1e6);
  }

  private int callsFor(int batch) {
    int calls = batch == 1 ? 4000 : batch <= 1000 ? 60 : 8;
    return quick ? calls / 2 : calls;
  }

  /**
   * Mean microseconds per {@link OnnxNetwork#forward} call over {@code calls} calls at {@code
   * batch}.
   */
  static WallAndCpu microsPerCall(OnnxNetwork network, int batch, int calls) {
    Random rng = new Random(batch);
    int dim = network.dimension();
    float[] x = new float[batch * dim];
    float[] t = new float[batch];
    float[] out = new float[batch * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < batch; i++) {
      t[i] = rng.nextInt(1000);
    }
    network.forward(x, t, batch, out); // sizes the pinned buffers outside the timing
    long start = System.nanoTime();
    long cpuStart = CpuClock.threadNanos();
    for (int c = 0; c < calls; c++) {
      network.forward(x, t, batch, out);
    }
    return new WallAndCpu(
        (System.nanoTime() - start) / 1e3 / calls,
        (CpuClock.threadNanos() - cpuStart) / 1e3 / calls);
  }

  /**
   * Mean microseconds per {@link OnnxDenoiser#predict} call (chunked ORT calls plus conversions) at
   * {@code batch}.
   */
  static double denoiserMicros(OnnxDenoiser denoiser, int batch, int calls) {
    Random rng = new Random(batch);
    double[] x = new double[batch * denoiser.dimension()];
    double[] t = new double[batch];
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    for (int i = 0; i < batch; i++) {
      t[i] = rng.nextDouble();
    }
    denoiser.predict(x, t, batch, out); // sizes the pinned buffers outside the timing
    long start = System.nanoTime();
    for (int c = 0; c < calls; c++) {
      denoiser.predict(x, t, batch, out);
    }
    return (System.nanoTime() - start) / 1e3 / calls;
  }

  private void measurePeak(BenchReport report, int rounds, long flops, PrintWriter err)
      throws OrtException {
    err.println("runtime bench: MatMul peak");
    err.flush();
    for (int threadCount : threads) {
      double[] rates = new double[rounds];
      try (GemmPeak gemm = new GemmPeak(GEMM_SIZE, threadCount)) {
        gemm.timeCall();
        gemm.timeCall();
        int calls = quick ? 3 : 6;
        for (int r = 0; r < rounds; r++) {
          double seconds = 0;
          for (int c = 0; c < calls; c++) {
            seconds += gemm.timeCall();
          }
          rates[r] = gemm.flopsPerCall() * calls / seconds / 1e9;
        }
      }
      BenchFigure peak =
          report.add(
              new BenchFigure(
                  "matmul_peak_ort",
                  "GFLOP/s",
                  settingsOf("n", GEMM_SIZE, "ort_intra_op_threads", threadCount),
                  rates));
      for (int batch : new int[] {1000, 10_000}) {
        BenchFigure rate =
            report.find(
                "model_call_rate", settingsOf("batch", batch, "ort_intra_op_threads", threadCount));
        report.add(
            new BenchFigure(
                "model_share_of_peak", "%", rate.settings(), 100 * rate.median() / peak.median()));
      }
    }
  }

  private void measureMemory(BenchReport report, PrintWriter err)
      throws IOException, InterruptedException {
    File csv = File.createTempFile("bench-stream-", ".csv");
    try {
      List<String> command = new ArrayList<>();
      command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
      command.add("-Xmx256m");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(MemoryProbe.class.getName());
      String[] sample = {
        "sample",
        "--model",
        model.getPath(),
        "--sampler",
        "ddim",
        "--steps",
        String.valueOf(memorySteps),
        "-n",
        String.valueOf(memoryPoints),
        "--batch-size",
        "10000",
        "--threads",
        "1",
        "--out",
        csv.getPath()
      };
      for (String a : sample) {
        command.add(a);
      }
      err.println("runtime bench: " + String.join(" ", sample) + " (child JVM, -Xmx256m)");
      err.flush();
      Process child =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String last = null;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          last = line;
        }
      }
      int code = child.waitFor();
      if (code != 0 || last == null) {
        throw new IllegalStateException(
            "the memory run failed (exit "
                + code
                + "); rerun it by hand: runtime "
                + String.join(" ", sample));
      }
      JsonObject result = JsonParser.parseString(last).getAsJsonObject();
      long lines = Files.lines(csv.toPath()).count();
      Object[] settings = {
        "points",
        memoryPoints,
        "rows_written",
        lines - 1,
        "batch_size",
        10_000,
        "sampler",
        "ddim",
        "steps",
        memorySteps,
        "xmx",
        "256m",
        "ort_intra_op_threads",
        1
      };
      report.add(
          new BenchFigure(
              "stream_csv_peak_heap",
              "MB (bar < 256)",
              settingsOf(settings),
              result.get("peak_heap_bytes").getAsDouble() / (1 << 20)));
      report.add(
          new BenchFigure(
              "stream_csv_peak_rss",
              "MB",
              settingsOf(settings),
              result.get("peak_rss_bytes").getAsDouble() / (1 << 20)));
      report.add(
          new BenchFigure(
              "stream_csv_wall", "s", settingsOf(settings), result.get("seconds").getAsDouble()));
    } finally {
      Files.deleteIfExists(csv.toPath());
    }
  }

  private static void closeAll(List<AutoCloseable> open) {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a session failed", e);
      }
    }
  }
}
