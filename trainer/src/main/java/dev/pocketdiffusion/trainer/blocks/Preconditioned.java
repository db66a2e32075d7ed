package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * A network F wrapped in time-dependent input and output scalings: {@code D(x, t) = skip(t)·x +
 * out(t)·F(in(t)·x, t, …)}, the form of EDM's preconditioning (Karras et al. 2022). The three
 * coefficients are tabulated at {@code G + 1} evenly spaced path times and interpolated linearly in
 * the network's time input, the same way in DJL and in the exported graph, so the ONNX model takes
 * the usual (x, t[, label]) and returns D directly: no sampler knows about the wrapping.
 */
public final class Preconditioned extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  private final Block inner;
  private final float[][] table; // [skip, out, in][G + 1]
  private final double gridPerTime;
  private final double gridOffset;

  /**
   * Wraps {@code inner}.
   *
   * @param table the coefficients {skip, out, in}, each at path times i/G for i = 0 … G
   * @param timeAtZero the network time input at path time 0
   * @param timeAtOne the network time input at path time 1
   */
  public Preconditioned(Block inner, float[][] table, double timeAtZero, double timeAtOne) {
    super(VERSION);
    if (table.length != 3 || table[0].length < 2) {
      throw new IllegalArgumentException("need three coefficient rows of at least 2 points");
    }
    this.inner = addChildBlock("inner", inner);
    this.table = table;
    int grid = table[0].length - 1;
    this.gridPerTime = grid / (timeAtOne - timeAtZero);
    this.gridOffset = -timeAtZero * gridPerTime;
  }

  /** The wrapped network F. */
  public Block inner() {
    return inner;
  }

  /**
   * The coefficients {skip, out, in} at network time {@code time}: the table interpolated linearly
   * (zero outside the path's time range, as the graph's hat functions are).
   */
  public double[] coefficients(double time) {
    double u = time * gridPerTime + gridOffset;
    int i = (int) Math.floor(u);
    double f = u - i;
    double[] c = new double[3];
    for (int k = 0; k < 3; k++) {
      double left = i >= 0 && i < table[k].length ? table[k][i] : 0;
      double right = i + 1 >= 0 && i + 1 < table[k].length ? table[k][i + 1] : 0;
      c[k] = left * (1 - f) + right * f;
    }
    return c;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    float[] times = inputs.get(1).toFloatArray();
    int n = times.length;
    float[][] c = new float[3][n];
    for (int i = 0; i < n; i++) {
      double[] at = coefficients(times[i]);
      for (int k = 0; k < 3; k++) {
        c[k][i] = (float) at[k];
      }
    }
    NDManager m = x.getManager();
    Shape column = new Shape(n, 1);
    NDList innerInputs = new NDList(inputs.size());
    innerInputs.add(x.mul(m.create(c[2], column)));
    for (int j = 1; j < inputs.size(); j++) {
      innerInputs.add(inputs.get(j));
    }
    NDArray f = inner.forward(parameterStore, innerInputs, training, params).head();
    return new NDList(x.mul(m.create(c[0], column)).add(f.mul(m.create(c[1], column))));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    inner.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inner.getOutputShapes(inputShapes);
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    int points = table[0].length;
    float[] negatedGrid = new float[points];
    float[] flat = new float[3 * points];
    for (int i = 0; i < points; i++) {
      negatedGrid[i] = -i;
      for (int k = 0; k < 3; k++) {
        flat[k * points + i] = table[k][i];
      }
    }
    // u = grid position of t; hat_i(u) = relu(1 − |u − i|), |d| = relu(d) + relu(−d)
    String t = graph.node("Unsqueeze", inputs[1], graph.longConstant("axes", new long[] {1}, 1));
    String u =
        graph.node(
            "Add",
            graph.node("Mul", t, graph.scalar("grid_per_time", (float) gridPerTime)),
            graph.scalar("grid_offset", (float) gridOffset));
    String d = graph.node("Add", u, graph.constant("negated_grid", negatedGrid, 1, points));
    String minusOne = graph.scalar("minus_one", -1f);
    String distance =
        graph.node(
            "Add", graph.node("Relu", d), graph.node("Relu", graph.node("Mul", d, minusOne)));
    String hat =
        graph.node(
            "Relu",
            graph.node("Add", graph.node("Mul", distance, minusOne), graph.scalar("one", 1f)));
    String coefficients =
        graph.node(
            "Gemm",
            new String[] {
              hat,
              graph.constant("coefficient_table", flat, 3, points),
              graph.constant("coefficient_bias", new float[3], 3)
            },
            OnnxGraph.intAttribute("transB", 1));
    String[] c = new String[3];
    for (int k = 0; k < 3; k++) {
      c[k] =
          graph.node(
              "Gather",
              new String[] {coefficients, graph.longConstant("coefficient", new long[] {k}, 1)},
              OnnxGraph.intAttribute("axis", 1));
    }
    String[] innerInputs = inputs.clone();
    innerInputs[0] = graph.node("Mul", inputs[0], c[2]);
    String f = lowering.lower(inner, innerInputs);
    return graph.node("Add", graph.node("Mul", inputs[0], c[0]), graph.node("Mul", f, c[1]));
  }
}
