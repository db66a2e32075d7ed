package dev.pocketdiffusion.bench;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.pocketdiffusion.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a model's floating-point operations per input row from its ONNX graph: every {@code Gemm}
 * and {@code MatMul} whose weight is an initializer of shape [K, N] (or [N, K] with {@code transB =
 * 1}) costs 2·K·N per row, plus N for a {@code Gemm} bias. Elementwise work (the embeddings'
 * sin/cos, activations) is not counted — the usual convention for FLOP figures.
 */
public final class OnnxFlops {
  private OnnxFlops() {}

  /**
   * FLOPs per row of the batch dimension.
   *
   * @throws InvalidInputException if the bytes are not an ONNX model, or a Gemm/MatMul weight is
   *     not a 2-D initializer (its size would be unknown)
   */
  public static long perRow(byte[] model, String source) {
    OnnxMl.GraphProto graph;
    try {
      graph = OnnxMl.ModelProto.parseFrom(model).getGraph();
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException(source + ": not an ONNX model (" + e.getMessage() + ")", e);
    }
    Map<String, List<Long>> shapes = new HashMap<>();
    for (OnnxMl.TensorProto init : graph.getInitializerList()) {
      shapes.put(init.getName(), init.getDimsList());
    }
    long flops = 0;
    for (OnnxMl.NodeProto node : graph.getNodeList()) {
      String op = node.getOpType();
      if (!op.equals("Gemm") && !op.equals("MatMul")) {
        continue;
      }
      List<Long> w = shapes.get(node.getInput(1));
      if (w == null || w.size() != 2) {
        throw new InvalidInputException(
            source
                + ": "
                + op
                + " node '"
                + node.getName()
                + "' has no 2-D initializer weight, so its cost is unknown");
      }
      boolean transposed = op.equals("Gemm") && intAttribute(node, "transB") == 1;
      long k = transposed ? w.get(1) : w.get(0);
      long n = transposed ? w.get(0) : w.get(1);
      flops += 2 * k * n;
      if (op.equals("Gemm") && node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
        flops += n;
      }
    }
    return flops;
  }

  private static long intAttribute(OnnxMl.NodeProto node, String name) {
    for (OnnxMl.AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getI();
      }
    }
    return 0;
  }
}
