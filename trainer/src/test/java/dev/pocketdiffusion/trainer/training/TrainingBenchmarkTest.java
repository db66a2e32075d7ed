package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark windows run and report a rate (the figures themselves come from `trainer bench`, not tests). */
class TrainingBenchmarkTest {
  @TempDir Path dir;

  private static TrainingConfig small() {
    TrainingConfig c = new TrainingConfig();
    c.batchSize = 8;
    c.network.setWidth(16).setDepth(1).setEmbeddingSize(8);
    return c;
  }

  @Test
  void eachLoopReportsAFinitePositiveRate() throws Exception {
    Points data = Datasets.byName("moons").sample(200, 0);
    double toolkit = TrainingBenchmark.toolkitLoop(small(), data, 3, 5, dir.toFile());
    double plain = TrainingBenchmark.plainLoop(small(), 2, 3, 5);
    double fill = TrainingBenchmark.batchFillMicros(small(), data, 5);
    for (double v : new double[] {toolkit, plain, fill}) {
      assertTrue(v > 0 && Double.isFinite(v), "rate " + v);
    }
    assertTrue(new File(dir.toFile(), "checkpoint.json").isFile(), "the toolkit loop ran to its final checkpoint");
  }
}
