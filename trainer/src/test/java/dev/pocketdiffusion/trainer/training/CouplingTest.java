package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --coupling ot} re-pairs the very draws of the independent batch (same rows, times and base
 * draws) by the optimal assignment; it is refused where it would change what is learnt.
 */
class CouplingTest {
  private static final int B = 128;

  private static TrainingConfig flow(String coupling) {
    TrainingConfig config = new TrainingConfig();
    config.process = "flow";
    config.prediction = "velocity";
    config.coupling = coupling;
    config.batchSize = B;
    return config;
  }

  /** Data row x and base draw z of each example: x = x_t − t·v and z = x + v on the flow path. */
  private static double[][] pairs(TrainingConfig config, Points data) {
    AffinePath path = config.path();
    TimeSampler times = new TimeSampler(path, Prediction.VELOCITY, "uniform", "none");
    Random rng = new Random(7);
    TrainingBatch batch = new TrainingBatch(B, 2, false, config.coupling.equals("ot"), null);
    batch.fill(
        new TrainingBatch.BatchRows(data.size(), rng),
        data,
        null,
        0,
        0,
        times,
        path,
        new Augmentation(""),
        rng);
    double[] x = new double[B * 2];
    double[] z = new double[B * 2];
    for (int i = 0; i < B; i++) {
      double t = batch.networkTimes[i] / 1000.0;
      for (int j = 0; j < 2; j++) {
        double v = batch.target[i * 2 + j];
        x[i * 2 + j] = batch.noisy[i * 2 + j] - t * v;
        z[i * 2 + j] = x[i * 2 + j] + v;
      }
    }
    return new double[][] {x, z, toDouble(batch.networkTimes)};
  }

  @Test
  void otRepairsTheIndependentDrawsAndShortensTheirPaths() {
    Points data = Datasets.byName("moons", null).sample(1000, 0);
    double[][] independent = pairs(flow("independent"), data);
    double[][] ot = pairs(flow("ot"), data);
    assertArrayEquals(independent[0], ot[0], 1e-4, "the same data rows, in the same order");
    assertArrayEquals(independent[2], ot[2], 0, "the same times");
    assertEquals(rounded(independent[1]), rounded(ot[1]), "the same base draws, re-paired");
    double before = cost(independent[0], independent[1]);
    double after = cost(ot[0], ot[1]);
    assertTrue(after < 0.6 * before, "OT cost " + after + " vs independent " + before);
    int[] optimal = OptimalCoupling.assign(ot[0], ot[1], B, 2);
    for (int i = 0; i < B; i++) {
      assertEquals(i, optimal[i], "the OT batch is already optimally paired");
    }
  }

  @Test
  void otIsRefusedOffFlowAndOnConditionalRuns() {
    TrainingConfig vp = new TrainingConfig();
    vp.coupling = "ot";
    assertTrue(
        assertThrows(IllegalArgumentException.class, vp::validate)
            .getMessage()
            .contains("--process flow"));
    TrainingConfig conditional = flow("ot");
    conditional.dataset = "squares";
    conditional.conditional = true;
    assertTrue(
        assertThrows(IllegalArgumentException.class, conditional::validate)
            .getMessage()
            .contains("--conditional"));
    TrainingConfig unknown = flow("sinkhorn");
    assertThrows(IllegalArgumentException.class, unknown::validate);
    flow("ot").validate();
  }

  private static double cost(double[] x, double[] z) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (x[i] - z[i]) * (x[i] - z[i]);
    }
    return s;
  }

  private static Set<String> rounded(double[] z) {
    Set<String> set = new HashSet<>();
    for (int i = 0; i < z.length; i += 2) {
      set.add(Math.round(z[i] * 1000) + "," + Math.round(z[i + 1] * 1000));
    }
    return set;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return Arrays.copyOf(out, out.length);
  }
}
