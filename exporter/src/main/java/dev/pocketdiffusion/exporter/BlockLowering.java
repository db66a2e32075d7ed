package dev.pocketdiffusion.exporter;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;

/**
 * Lowers DJL blocks to ONNX nodes. Core blocks with known semantics are mapped here ({@link
 * SequentialBlock}, {@link Linear} → {@code Gemm(transB=1)}, {@link Dropout} → nothing,
 * parameterless activations by name); any {@link OnnxLowerable} lowers itself; anything else is
 * refused with its name, never exported wrongly.
 */
public final class BlockLowering {
  private final OnnxGraph graph;

  BlockLowering(OnnxGraph graph) {
    this.graph = graph;
  }

  /** Lowers {@code block} applied to {@code inputs}; returns its output's name. */
  public String lower(Block block, String... inputs) {
    if (block instanceof OnnxLowerable) {
      return ((OnnxLowerable) block).lower(graph, this, inputs);
    }
    if (block instanceof SequentialBlock) {
      String value = single(block, inputs);
      for (Block child : block.getChildren().values()) {
        value = lower(child, value);
      }
      return value;
    }
    if (block instanceof Linear) {
      return linear(block, single(block, inputs));
    }
    if (block instanceof Dropout) {
      return single(block, inputs);
    }
    if (block instanceof LambdaBlock) {
      return activation((LambdaBlock) block, single(block, inputs));
    }
    throw new UnsupportedOperationException(
        "cannot export block "
            + block.getClass().getName()
            + " to ONNX: it is not a known DJL block and does not implement OnnxLowerable");
  }

  private static String single(Block block, String[] inputs) {
    if (inputs.length != 1) {
      throw new UnsupportedOperationException(
          block.getClass().getSimpleName() + " takes one input, got " + inputs.length);
    }
    return inputs[0];
  }

  private String linear(Block block, String input) {
    NDArray w = block.getParameters().get("weight").getArray();
    long[] shape = w.getShape().getShape(); // [out, in], PyTorch layout
    float[] bias =
        block.getParameters().contains("bias")
            ? block.getParameters().get("bias").getArray().toFloatArray()
            : new float[(int) shape[0]];
    return gemm(input, w.toFloatArray(), bias, shape);
  }

  private String gemm(String input, float[] weight, float[] bias, long[] shape) {
    String wName = graph.constant("linear_weight", weight, shape);
    String bName = graph.constant("linear_bias", bias, shape[0]);
    return graph.node(
        "Gemm", new String[] {input, wName, bName}, OnnxGraph.intAttribute("transB", 1));
  }

  /**
   * A {@link Linear} followed by an inference-mode {@link BatchNorm} (axis 1) as one Gemm, folded
   * in double precision: {@code s = γ/√(var + ε)}, {@code W' = s·W} per output row, {@code b' = (b
   * − μ)·s + β}.
   */
  public String linearWithBatchNorm(Block linear, Block batchNorm, float epsilon, String input) {
    if (!(linear instanceof Linear) || !(batchNorm instanceof BatchNorm)) {
      throw new UnsupportedOperationException("linearWithBatchNorm needs a Linear and a BatchNorm");
    }
    NDArray w = linear.getParameters().get("weight").getArray();
    long[] shape = w.getShape().getShape();
    float[] weight = w.toFloatArray();
    float[] bias =
        linear.getParameters().contains("bias")
            ? linear.getParameters().get("bias").getArray().toFloatArray()
            : new float[(int) shape[0]];
    float[] gamma = batchNorm.getParameters().get("gamma").getArray().toFloatArray();
    float[] beta = batchNorm.getParameters().get("beta").getArray().toFloatArray();
    float[] mean = batchNorm.getParameters().get("runningMean").getArray().toFloatArray();
    float[] var = batchNorm.getParameters().get("runningVar").getArray().toFloatArray();
    int in = (int) shape[1];
    for (int o = 0; o < shape[0]; o++) {
      double s = gamma[o] / Math.sqrt(var[o] + (double) epsilon);
      for (int i = 0; i < in; i++) {
        weight[o * in + i] = (float) (weight[o * in + i] * s);
      }
      bias[o] = (float) ((bias[o] - mean[o]) * s + beta[o]);
    }
    return gemm(input, weight, bias, shape);
  }

  private String activation(LambdaBlock block, String input) {
    String name = block.getName();
    switch (name) {
      case "GELU":
        return gelu(input);
      case "ReLU":
        return graph.node("Relu", input);
      case "sigmoid":
        return graph.node("Sigmoid", input);
      case "Tanh":
        return graph.node("Tanh", input);
      default:
        throw new UnsupportedOperationException(
            "cannot export LambdaBlock '"
                + name
                + "' to ONNX: only parameterless GELU, ReLU, sigmoid and Tanh are known");
    }
  }

  /**
   * Exact GELU as {@code 0.5·x·(1 + erf(x/√2))}, valid at opset 17 (ORT fuses it into one Gelu
   * kernel).
   */
  public String gelu(String input) {
    String scaled = graph.node("Div", input, graph.scalar("sqrt2", (float) Math.sqrt(2)));
    String erf = graph.node("Erf", scaled);
    String onePlus = graph.node("Add", erf, graph.scalar("one", 1f));
    String times = graph.node("Mul", input, onePlus);
    return graph.node("Mul", times, graph.scalar("half", 0.5f));
  }
}
