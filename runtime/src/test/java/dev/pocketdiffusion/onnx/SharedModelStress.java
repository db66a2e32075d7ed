package dev.pocketdiffusion.onnx;

import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples one loaded model from 8 threads at once and prints one line: how many runs differed from
 * the single-thread run of the same seed, and the resident memory (VmRSS) after the first 100
 * concurrent runs and after all of them. Each run is DDPM with 10 steps on 8 to 12 points (the
 * batch size varies with the seed, so the network's pinned tensors are freed and re-created on most
 * calls). Run it in a JVM whose heap is fixed and pre-touched ({@code -Xms32m -Xmx32m
 * -XX:+AlwaysPreTouch}) so that resident growth can only be native memory, as {@link
 * SharedModelStressTest} does. Arguments: model file, runs per thread.
 */
public final class SharedModelStress {
  static final int THREADS = 8;
  private static final int SEEDS = 1000;
  private static final int STEPS = 10;

  private SharedModelStress() {}

  private static double[] run(OnnxDenoiser model, int seed) {
    return Sampling.generate(model, Samplers.create("ddpm", STEPS), 8 + seed % 5, seed).data();
  }

  /** Resident set size in kB, from /proc/self/status. */
  private static long residentKb() throws IOException {
    for (String line :
        Files.readAllLines(new File("/proc/self/status").toPath(), StandardCharsets.US_ASCII)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS line in /proc/self/status");
  }

  /** Runs the stress and prints {@code runs=… mismatches=… rss100=… rssAll=… seconds=…}. */
  public static void main(String[] args) throws Exception {
    File modelFile = new File(args[0]);
    int runsPerThread = Integer.parseInt(args[1]);
    try (OnnxDenoiser model = OnnxDenoiser.load(modelFile)) {
      List<double[]> single = new ArrayList<>();
      for (int seed = 0; seed < SEEDS; seed++) {
        single.add(run(model, seed));
      }
      AtomicInteger done = new AtomicInteger();
      AtomicLong rssAfter100 = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      long start = System.nanoTime();
      int mismatches = 0;
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
          int offset = 137 * k; // each thread walks the seeds from a different place
          futures.add(
              pool.submit(
                  () -> {
                    int differ = 0;
                    for (int i = 0; i < runsPerThread; i++) {
                      int seed = (offset + i) % SEEDS;
                      if (!Arrays.equals(single.get(seed), run(model, seed))) {
                        differ++;
                      }
                      if (done.incrementAndGet() == 100) {
                        rssAfter100.set(residentKb());
                      }
                    }
                    return differ;
                  }));
        }
        for (Future<Integer> f : futures) {
          mismatches += f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      long rssAfterAll = residentKb();
      System.out.printf(
          Locale.ROOT,
          "runs=%d mismatches=%d rss100=%d rssAll=%d seconds=%.1f%n",
          done.get(),
          mismatches,
          rssAfter100.get(),
          rssAfterAll,
          (System.nanoTime() - start) / 1e9);
    }
  }
}
