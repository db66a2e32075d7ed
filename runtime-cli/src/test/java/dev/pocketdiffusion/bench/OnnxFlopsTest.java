package dev.pocketdiffusion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import dev.pocketdiffusion.InvalidInputException;
import org.junit.jupiter.api.Test;

/** FLOP counting from the graph's Gemm and MatMul weight shapes. */
class OnnxFlopsTest {
  private static OnnxMl.TensorProto weight(String name, long rows, long cols) {
    return OnnxMl.TensorProto.newBuilder()
        .setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .addDims(rows)
        .addDims(cols)
        .build();
  }

  private static OnnxMl.NodeProto.Builder node(String op, String... inputs) {
    OnnxMl.NodeProto.Builder b =
        OnnxMl.NodeProto.newBuilder().setOpType(op).setName(op + inputs.length);
    for (String in : inputs) {
      b.addInput(in);
    }
    return b.addOutput(op + "_out" + inputs.length);
  }

  private static byte[] model(OnnxMl.GraphProto.Builder graph) {
    return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(graph).build().toByteArray();
  }

  @Test
  void countsGemmWithTransposeAndBiasAndMatMul() {
    OnnxMl.GraphProto.Builder graph =
        OnnxMl.GraphProto.newBuilder()
            // Linear 4 -> 3 as the exporter writes it: W [out, in] with transB = 1, plus a bias:
            // 2*4*3 + 3
            .addNode(
                node("Gemm", "x", "W1", "b1")
                    .addAttribute(
                        OnnxMl.AttributeProto.newBuilder()
                            .setName("transB")
                            .setI(1)
                            .setType(OnnxMl.AttributeProto.AttributeType.INT)))
            // W [K = 3, N = 5], no bias: 2*3*5
            .addNode(node("Gemm", "h", "W2"))
            // MatMul [5, 2]: 2*5*2
            .addNode(node("MatMul", "g", "W3"))
            .addNode(node("Sin", "x"))
            .addInitializer(weight("W1", 3, 4))
            .addInitializer(weight("W2", 3, 5))
            .addInitializer(weight("W3", 5, 2));
    assertEquals(27 + 30 + 20, OnnxFlops.perRow(model(graph), "test"));
  }

  @Test
  void theGemmProbeCountsAsTwoNCubedOverNRows() {
    assertEquals(2 * 16 * 16, OnnxFlops.perRow(GemmPeak.model(16).toByteArray(), "probe"));
  }

  @Test
  void aWeightThatIsNotAnInitializerIsRefused() {
    OnnxMl.GraphProto.Builder graph =
        OnnxMl.GraphProto.newBuilder().addNode(node("MatMul", "a", "b"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OnnxFlops.perRow(model(graph), "m.onnx"));
    assertTrue(e.getMessage().startsWith("m.onnx: MatMul node"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> OnnxFlops.perRow(new byte[] {1, 2, 3}, "junk"));
  }
}
