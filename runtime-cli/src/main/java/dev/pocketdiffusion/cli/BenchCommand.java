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
import dev.pocketdiffusion.io.AtomicFiles;
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
import java.util.List;
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
    footer = {"", "Examples:", "  runtime bench --model models/moons.onnx --json bench-runtime.json",
        "  runtime bench --quick              (about a third of the time, fewer rounds)"})
public final class BenchCommand implements Callable<Integer> {
  /** Sampler and model calls of each timed sampling run. */
  static final String[][] SAMPLERS = {{"ddpm", "1000"}, {"ddim", "50"}, {"dpm++2m", "15"}, {"euler", "50"}, {"heun", "25"}};
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

  @Option(names = "--model", defaultValue = "models/moons.onnx", paramLabel = "M.onnx",
      description = "The model to measure (default: ${DEFAULT-VALUE}).")
  File model;

  @Option(names = "--threads", defaultValue = "1,2", split = ",", paramLabel = "T",
      description = "ONNX Runtime intra-op thread counts to compare (default: ${DEFAULT-VALUE}).")
  int[] threads;

  @Option(names = "--repeats", defaultValue = "5", paramLabel = "R",
      description = "Timed rounds per figure (default: ${DEFAULT-VALUE}; --quick uses at most 2).")
  int repeats;

  @Option(names = "--quick", description = "At most 2 rounds and half the model calls per timing.")
  boolean quick;

  @Option(names = "--memory-points", defaultValue = "1000000", paramLabel = "N",
      description = "Points of the streamed-CSV memory run (default: ${DEFAULT-VALUE}); 0 skips it.")
  int memoryPoints;

  @Option(names = "--memory-steps", defaultValue = "5", paramLabel = "K",
      description = {"DDIM steps of the memory run (default: ${DEFAULT-VALUE}): memory holds one batch whatever K is;",
          "K only sets its duration (a million points x 50 steps is about 10 TFLOP)."})
  int memorySteps;

  @Option(names = "--json", paramLabel = "FILE.json", description = "Also write every figure as JSON.")
  File json;

  @Override
  public Integer call() throws Exception {
    if (repeats < 1) {
      throw new ParameterException(spec.commandLine(), "--repeats must be at least 1, got " + repeats);
    }
    for (int t : threads) {
      if (t < 1) {
        throw new ParameterException(spec.commandLine(), "--threads must list counts >= 1, got " + t);
      }
    }
    if (memoryPoints < 0) {
      throw new ParameterException(spec.commandLine(), "--memory-points must be >= 0, got " + memoryPoints);
    }
    if (memorySteps < 1) {
      throw new ParameterException(spec.commandLine(), "--memory-steps must be at least 1, got " + memorySteps);
    }
    if (!model.isFile()) {
      throw new InvalidInputException(model + ": model file not found");
    }
    int rounds = quick ? Math.min(repeats, 2) : repeats;
    PrintWriter err = spec.commandLine().getErr();
    BenchReport report = new BenchReport("runtime bench");
    report.note("model", model.getPath());
    report.note("rounds", rounds);
    report.note("quick", quick);
    byte[] bytes = Files.readAllBytes(model.toPath());
    long flops = OnnxFlops.perRow(bytes, model.getPath());
    report.add(new BenchFigure("model_flops_per_point", "FLOP", settingsOf("counted", "Gemm+MatMul"), flops));
    measureModel(report, rounds, flops, err);
    measurePeak(report, rounds, flops, err);
    if (memoryPoints > 0) {
      measureMemory(report, err);
    }
    report.printTable(spec.commandLine().getOut());
    if (json != null) {
      AtomicFiles.writeString(json, report.toJson());
    }
    return CliRunner.OK;
  }

  private void measureModel(BenchReport report, int rounds, long flops, PrintWriter err) {
    int nt = threads.length;
    double[][][] perCall = new double[nt][BATCHES.length][rounds];
    double[][][] wall = new double[nt][SAMPLERS.length][rounds];
    double[][][] cpu = new double[nt][SAMPLERS.length][rounds];
    double[][][] perCallCpu = new double[nt][BATCHES.length][rounds];
    double[][] chunked = new double[nt][rounds];
    List<AutoCloseable> open = new ArrayList<>();
    try {
      OnnxNetwork[] networks = new OnnxNetwork[nt];
      OnnxDenoiser[] denoisers = new OnnxDenoiser[nt];
      for (int i = 0; i < nt; i++) {
        networks[i] = OnnxNetwork.open(model, threads[i]);
        open.add(networks[i]);
        denoisers[i] = OnnxDenoiser.builder().setModel(model).optIntraOpThreads(threads[i]).build();
        open.add(denoisers[i]);
        microsPerCall(networks[i], 1000, 20); // warm-up: allocation, pre-packing, caches
        Sampling.generate(denoisers[i], Samplers.create("ddim", 50), POINTS, 0);
      }
      for (int r = 0; r < rounds; r++) {
        err.printf("runtime bench: round %d/%d%n", r + 1, rounds);
        err.flush();
        for (int i = 0; i < nt; i++) {
          for (int b = 0; b < BATCHES.length; b++) {
            double[] wallAndCpu = microsPerCall(networks[i], BATCHES[b], callsFor(BATCHES[b]));
            perCall[i][b][r] = wallAndCpu[0];
            perCallCpu[i][b][r] = wallAndCpu[1];
          }
          chunked[i][r] = denoiserMicros(denoisers[i], BATCHES[BATCHES.length - 1], callsFor(BATCHES[BATCHES.length - 1]));
        }
        for (int i = 0; i < nt; i++) {
          for (int s = 0; s < SAMPLERS.length; s++) {
            long start = System.nanoTime();
            long cpuStart = CpuClock.threadNanos();
            Sampling.generate(denoisers[i], Samplers.create(SAMPLERS[s][0], Integer.parseInt(SAMPLERS[s][1])), POINTS, r);
            wall[i][s][r] = (System.nanoTime() - start) / 1e6;
            cpu[i][s][r] = (CpuClock.threadNanos() - cpuStart) / 1e6;
          }
        }
      }
    } finally {
      closeAll(open);
    }
    for (int i = 0; i < nt; i++) {
      for (int s = 0; s < SAMPLERS.length; s++) {
        report.add(new BenchFigure("sample_1000_points", "ms",
            settingsOf("sampler", SAMPLERS[s][0], "steps", SAMPLERS[s][1], "ort_intra_op_threads", threads[i]), wall[i][s]));
      }
    }
    for (int i = 0; i < nt; i++) {
      for (int b = 0; b < BATCHES.length; b++) {
        BenchFigure call = report.add(new BenchFigure("model_call", "us/call",
            settingsOf("batch", BATCHES[b], "ort_intra_op_threads", threads[i]), perCall[i][b]));
        report.add(new BenchFigure("model_call_rate", "GFLOP/s", call.settings(),
            flops * BATCHES[b] / (call.median() * 1e-6) / 1e9));
      }
    }
    for (int i = 0; i < nt; i++) {
      report.add(new BenchFigure("denoiser_call_chunked", "us/call", settingsOf("batch", BATCHES[BATCHES.length - 1],
          "chunk_rows", "<= 1024", "ort_intra_op_threads", threads[i]), chunked[i]));
    }
    for (int i = 0; i < nt; i++) {
      report.add(new BenchFigure("ddim50_over_50_batch1000_calls", "x (bar <= " + LOOP_BAR + ")",
          settingsOf("ort_intra_op_threads", threads[i]), ratios(wall[i][1], perCall[i][1], rounds)));
      if (threads[i] == 1) { // one intra-op thread runs on the caller: its CPU time is the whole run
        for (int s = 0; s < SAMPLERS.length; s++) {
          report.add(new BenchFigure("sample_1000_points_cpu", "CPU-ms",
              settingsOf("sampler", SAMPLERS[s][0], "steps", SAMPLERS[s][1], "ort_intra_op_threads", 1), cpu[i][s]));
        }
        report.add(new BenchFigure("model_call_cpu", "CPU-us/call", settingsOf("batch", 1000, "ort_intra_op_threads", 1),
            perCallCpu[i][1]));
        report.add(new BenchFigure("ddim50_over_50_batch1000_calls_cpu", "x (bar <= " + LOOP_BAR + ")",
            settingsOf("ort_intra_op_threads", 1), ratios(cpu[i][1], perCallCpu[i][1], rounds)));
      }
    }
  }

  /** Per round: a 50-call sampling run's milliseconds over 50 batch-1000 calls' microseconds. */
  private static double[] ratios(double[] runMillis, double[] callMicros, int rounds) {
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = runMillis[r] * 1000 / (50 * callMicros[r]);
    }
    return ratios;
  }

  private int callsFor(int batch) {
    int calls = batch == 1 ? 4000 : batch <= 1000 ? 60 : 8;
    return quick ? calls / 2 : calls;
  }

  /** Mean microseconds per {@link OnnxNetwork#forward} call over {@code calls} calls at {@code batch}: {wall, caller CPU}. */
  static double[] microsPerCall(OnnxNetwork network, int batch, int calls) {
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
    return new double[] {(System.nanoTime() - start) / 1e3 / calls, (CpuClock.threadNanos() - cpuStart) / 1e3 / calls};
  }

  /** Mean microseconds per {@link OnnxDenoiser#predict} call (chunked ORT calls plus conversions) at {@code batch}. */
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

  private void measurePeak(BenchReport report, int rounds, long flops, PrintWriter err) throws OrtException {
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
      BenchFigure peak = report.add(new BenchFigure("matmul_peak_ort", "GFLOP/s",
          settingsOf("n", GEMM_SIZE, "ort_intra_op_threads", threadCount), rates));
      for (int batch : new int[] {1000, 10_000}) {
        BenchFigure rate = report.find("model_call_rate", settingsOf("batch", batch, "ort_intra_op_threads", threadCount));
        report.add(new BenchFigure("model_share_of_peak", "%", rate.settings(), 100 * rate.median() / peak.median()));
      }
    }
  }

  private void measureMemory(BenchReport report, PrintWriter err) throws IOException, InterruptedException {
    File csv = File.createTempFile("bench-stream-", ".csv");
    try {
      List<String> command = new ArrayList<>();
      command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
      command.add("-Xmx256m");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(MemoryProbe.class.getName());
      String[] sample = {"sample", "--model", model.getPath(), "--sampler", "ddim", "--steps", String.valueOf(memorySteps), "-n",
          String.valueOf(memoryPoints), "--batch-size", "10000", "--threads", "1", "--out", csv.getPath()};
      for (String a : sample) {
        command.add(a);
      }
      err.println("runtime bench: " + String.join(" ", sample) + " (child JVM, -Xmx256m)");
      err.flush();
      Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String last = null;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          last = line;
        }
      }
      int code = child.waitFor();
      if (code != 0 || last == null) {
        throw new IllegalStateException("the memory run failed (exit " + code + "); rerun it by hand: runtime " + String.join(" ", sample));
      }
      JsonObject result = JsonParser.parseString(last).getAsJsonObject();
      long lines = Files.lines(csv.toPath()).count();
      Object[] settings = {"points", memoryPoints, "rows_written", lines - 1, "batch_size", 10_000, "sampler", "ddim",
          "steps", memorySteps, "xmx", "256m", "ort_intra_op_threads", 1};
      report.add(new BenchFigure("stream_csv_peak_heap", "MB (bar < 256)", settingsOf(settings),
          result.get("peak_heap_bytes").getAsDouble() / (1 << 20)));
      report.add(new BenchFigure("stream_csv_peak_rss", "MB", settingsOf(settings), result.get("peak_rss_bytes").getAsDouble() / (1 << 20)));
      report.add(new BenchFigure("stream_csv_wall", "s", settingsOf(settings), result.get("seconds").getAsDouble()));
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
