package dev.pocketdiffusion.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
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
    double[] toolkit = TrainingBenchmark.toolkitLoop(small(), data, 0.01, 0.05, dir.toFile());
    double[] plain = TrainingBenchmark.plainLoop(small(), 2, 0.01, 0.05);
    double fill = TrainingBenchmark.batchFillMicros(small(), data, 5);
    for (double v : new double[] {toolkit[0], toolkit[1], plain[0], plain[1], fill}) {
      assertTrue(v > 0 && Double.isFinite(v), "rate " + v);
    }
    assertEquals(0, dir.toFile().list().length, "the window closed before any checkpoint");
  }

  @Test
  void aWindowWarmsUpThenTimesUntilItsTimeIsUp() throws InterruptedException {
    TrainingBenchmark.Window window = new TrainingBenchmark.Window(0, 0.02);
    assertTrue(window.step() && window.step() && window.step(), "three warm-up steps at least");
    assertThrows(IllegalStateException.class, window::stepsPerSecond, "no rate while the window is open");
    int timed = 0;
    while (window.step()) {
      timed++;
      Thread.sleep(1);
    }
    assertTrue(timed >= 5, "steps of ~1 ms fill a 20 ms window: " + timed);
    double rate = window.stepsPerSecond();
    assertTrue(rate > 0 && rate < 1000, "at most one step per ms was taken: " + rate);
    assertTrue(window.stepsPerCpuSecond() > rate, "sleeping steps use less CPU than wall time");
  }
}
