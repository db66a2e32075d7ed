package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.trainer.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One loaded model sampled from several threads at once gives, per seed, what one thread gives. */
class ConcurrentSamplingTest {
  @TempDir Path dir;

  @Test
  void threadsShareOneModelSafely() throws Exception {
    try (OnnxDenoiser model =
        OnnxDenoiser.load(TestModels.exportRandom(dir.resolve("m.onnx").toFile()))) {
      int seeds = 8;
      List<Points> sequential = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        sequential.add(Sampling.generate(model, Samplers.create("ddpm", 20), 64 + s, s));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Points>> parallel = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
          int seed = s;
          parallel.add(
              pool.submit(
                  () -> Sampling.generate(model, Samplers.create("ddpm", 20), 64 + seed, seed)));
        }
        for (int s = 0; s < seeds; s++) {
          assertArrayEquals(sequential.get(s).data(), parallel.get(s).get().data(), 0, "seed " + s);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
