package dev.pocketdiffusion.exporter;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.Parameter;

/**
 * Lowers DJL blocks to ONNX nodes. Core blocks with known semantics are mapped here
 * ({@link SequentialBlock}, {@link Linear} → {@code Gemm(transB=1)}, {@link Dropout} → nothing,
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
        "cannot export block " + block.getClass().getName() + " to ONNX: it is not a known DJL block and does not implement OnnxLowerable");
  }

  private static String single(Block block, String[] inputs) {
    if (inputs.length != 1) {
      throw new UnsupportedOperationException(
          block.getClass().getSimpleName() + " takes one input, got " + inputs.length);
    }
    return inputs[0];
  }

  private String linear(Block block, String input) {
    Parameter weight = block.getParameters().get("weight");
    NDArray w = weight.getArray();
    long[] shape = w.getShape().getShape(); // [out, in], PyTorch layout
    String wName = graph.constant("linear_weight", w.toFloatArray(), shape);
    String bName;
    if (block.getParameters().contains("bias")) {
      bName = graph.constant("linear_bias", block.getParameters().get("bias").getArray().toFloatArray(), shape[0]);
    } else {
      bName = graph.constant("linear_bias", new float[(int) shape[0]], shape[0]);
    }
    return graph.node("Gemm", new String[] {input, wName, bName}, OnnxGraph.intAttribute("transB", 1));
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
            "cannot export LambdaBlock '" + name + "' to ONNX: only parameterless GELU, ReLU, sigmoid and Tanh are known");
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
