package dev.pocketdiffusion.exporter;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import java.util.Random;

/**
 * Proves an exported file computes what the DJL network computes: both run on the same random
 * inputs (x ~ N(0, 1.5²) per coordinate, t uniform over the network's time range, labels uniform
 * when the network takes them) and the largest absolute difference is reported. DJL runs in
 * inference mode, so BatchNorm statistics never move.
 */
public final class ParityCheck {
  /** The tolerance the exporter promises. */
  public static final double TOLERANCE = 1e-4;

  private ParityCheck() {}

  /** The outcome of a parity run. */
  public static final class Report {
    private final int inputs;
    private final double maxAbsDiff;
    private final double maxAbsOutput;

    Report(int inputs, double maxAbsDiff, double maxAbsOutput) {
      this.inputs = inputs;
      this.maxAbsDiff = maxAbsDiff;
      this.maxAbsOutput = maxAbsOutput;
    }

    /** Number of random inputs compared. */
    public int inputs() {
      return inputs;
    }

    /** max |DJL − ORT| over all outputs. */
    public double maxAbsDiff() {
      return maxAbsDiff;
    }

    /** max |DJL output|, for scale. */
    public double maxAbsOutput() {
      return maxAbsOutput;
    }

    /** True if {@link #maxAbsDiff()} is within {@link #TOLERANCE}. */
    public boolean passed() {
      return maxAbsDiff <= TOLERANCE;
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "parity on %d inputs: max |DJL - ORT| = %.3g (max |out| %.3g)",
          inputs,
          maxAbsDiff,
          maxAbsOutput);
    }
  }

  /**
   * Compares {@code network} with its exported form {@code onnx} on {@code count} random inputs.
   *
   * @param maxTime the network's time inputs are drawn uniformly from [0, maxTime)
   * @param labelCount for a labelled network, labels are drawn uniformly from 0 … labelCount − 1
   *     (include the null label); ignored otherwise
   */
  public static Report run(
      Block network,
      NDManager parent,
      OnnxNetwork onnx,
      int count,
      float maxTime,
      int labelCount,
      long seed) {
    int dim = onnx.dimension();
    Random rng = new Random(seed);
    float[] x = new float[count * dim];
    float[] t = new float[count];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (1.5 * rng.nextGaussian());
    }
    for (int i = 0; i < count; i++) {
      t[i] = rng.nextFloat() * maxTime;
    }
    long[] labels = null;
    if (onnx.isLabelled()) {
      labels = new long[count];
      for (int i = 0; i < count; i++) {
        labels[i] = rng.nextInt(labelCount);
      }
    }
    float[] reference;
    try (NDManager manager = parent.newSubManager()) {
      NDList inputs =
          new NDList(
              manager.create(x, new ai.djl.ndarray.types.Shape(count, dim)), manager.create(t));
      if (labels != null) {
        inputs.add(manager.create(labels));
      }
      NDList result = network.forward(new ParameterStore(manager, false), inputs, false);
      reference = result.singletonOrThrow().toFloatArray();
    }
    float[] actual = new float[count * dim];
    onnx.forward(x, t, labels, count, actual);
    double maxDiff = 0;
    double maxOut = 0;
    for (int i = 0; i < actual.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(actual[i] - reference[i]));
      maxOut = Math.max(maxOut, Math.abs(reference[i]));
    }
    if (Double.isNaN(maxDiff) || hasNaN(actual) != hasNaN(reference)) {
      maxDiff = Double.POSITIVE_INFINITY;
    }
    return new Report(count, maxDiff, maxOut);
  }

  private static boolean hasNaN(float[] values) {
    for (float v : values) {
      if (Float.isNaN(v)) {
        return true;
      }
    }
    return false;
  }
}
