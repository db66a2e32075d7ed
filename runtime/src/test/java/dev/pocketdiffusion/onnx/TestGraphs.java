package dev.pocketdiffusion.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds small ONNX models for tests (shared with runtime-cli's through runtime-tests.jar): inputs
 * x float [N, 2] and t float [N], one output out, a dimension-2 card; the nodes are the caller's.
 */
public final class TestGraphs {
  public static final TensorProto.DataType FLOAT = TensorProto.DataType.FLOAT;
  public static final TensorProto.DataType INT64 = TensorProto.DataType.INT64;

  private TestGraphs() {}

  /** A graph with the standard inputs x [N, 2], t [N] and the output out declared [N, 2]. */
  public static GraphProto.Builder graph() {
    return GraphProto.newBuilder()
        .setName("test")
        .addInput(value("x", FLOAT, "N", 2))
        .addInput(value("t", FLOAT, "N"))
        .addOutput(value("out", FLOAT, "N", 2));
  }

  /** A value of shape [batch, dims…] (no batch dimension if {@code batch} is null). */
  public static ValueInfoProto value(
      String name, TensorProto.DataType type, String batch, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    if (batch != null) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
    }
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  /** A node of the default domain. */
  public static NodeProto node(String op, String out, String... inputs) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
    for (String in : inputs) {
      node.addInput(in);
    }
    return node.build();
  }

  /** A node with one integer attribute. */
  public static NodeProto node(
      String op, String attribute, long value, String out, String... inputs) {
    return node(op, out, inputs).toBuilder()
        .addAttribute(
            AttributeProto.newBuilder()
                .setName(attribute)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value))
        .build();
  }

  /** A float initializer of shape {@code dims} holding {@code values}. */
  public static TensorProto floats(String name, float[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(FLOAT.getNumber())
        .addAllDims(box(dims))
        .setRawData(ByteString.copyFrom(b.array()))
        .build();
  }

  /** An int64 initializer of shape {@code dims} holding {@code values}. */
  public static TensorProto longs(String name, long[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(INT64.getNumber())
        .addAllDims(box(dims))
        .setRawData(ByteString.copyFrom(b.array()))
        .build();
  }

  private static java.util.List<Long> box(long[] dims) {
    java.util.List<Long> list = new java.util.ArrayList<>();
    for (long d : dims) {
      list.add(d);
    }
    return list;
  }

  /** The model bytes: IR 8, opset 17, a dimension-2 VP card. */
  public static byte[] model(GraphProto.Builder graph) {
    return model(
        graph, ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2));
  }

  /** The model bytes: IR 8, opset 17, with {@code card}. */
  public static byte[] model(GraphProto.Builder graph, ModelCard card) {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(graph)
        .addMetadataProps(
            StringStringEntryProto.newBuilder()
                .setKey(ModelCard.METADATA_KEY)
                .setValue(card.toJson()))
        .build()
        .toByteArray();
  }
}
