package dev.pocketdiffusion.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark loops run and report a rate (the figures themselves come from `trainer bench`, not
 * tests), and a window's warm-up and timing follow its clocks.
 */
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

  /** Clocks the test moves by hand: {wall, CPU} in nanoseconds. */
  private final long[] clock = new long[2];

  private TrainingBenchmark.Window window(double warmupSeconds, double seconds) {
    return new TrainingBenchmark.Window(warmupSeconds, seconds, () -> clock[0], () -> clock[1]);
  }

  /**
   * Takes one step that lasts {@code wallMillis} of wall time and {@code cpuMillis} of CPU time.
   */
  private boolean step(TrainingBenchmark.Window window, long wallMillis, long cpuMillis) {
    clock[0] += wallMillis * 1_000_000;
    clock[1] += cpuMillis * 1_000_000;
    return window.step();
  }

  @Test
  void aWindowWarmsUpForThreeStepsAtLeast() {
    TrainingBenchmark.Window window = window(0, 0.02);
    assertTrue(step(window, 0, 0) && step(window, 0, 0), "warm-up steps");
    assertTrue(step(window, 0, 0), "the third warm-up step starts the timed part");
    assertTrue(step(window, 19, 19), "19 of 20 ms timed");
    assertFalse(step(window, 1, 1), "20 of 20 ms timed: the window closes");
    assertEquals(2 / 0.02, window.stepsPerSecond(), 1e-9);
  }

  @Test
  void aWindowWarmsUpForItsTimeThenTimesUntilItsTimeIsUp() {
    TrainingBenchmark.Window window = window(0.01, 0.02);
    for (int i = 0; i < 9; i++) {
      assertTrue(step(window, 1, 1), "warm-up step " + i);
    }
    assertThrows(
        IllegalStateException.class, window::stepsPerSecond, "no rate while the window is open");
    assertTrue(step(window, 1, 1), "10 ms of warm-up: the timed part starts");
    int timed = 0;
    while (step(window, 2, 1)) {
      timed++;
    }
    assertEquals(9, timed, "steps of 2 ms close a 20 ms window at the tenth");
    assertEquals(10 / 0.02, window.stepsPerSecond(), 1e-9);
    assertEquals(10 / 0.01, window.stepsPerCpuSecond(), 1e-9);
    assertArrayEquals(new double[] {10 / 0.02, 10 / 0.01}, window.rates(), 1e-9);
  }
}
