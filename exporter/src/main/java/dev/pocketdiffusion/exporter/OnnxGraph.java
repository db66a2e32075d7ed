package dev.pocketdiffusion.exporter;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.pocketdiffusion.onnx.GraphCheck;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * An ONNX graph under construction: blocks add nodes and constant tensors to it and get back the
 * names of their outputs. Names are made unique with a per-prefix counter. Initializers are written
 * as little-endian {@code raw_data}, as the ONNX format requires.
 */
public final class OnnxGraph {
  /** Name of the dynamic batch dimension on every input and output. */
  public static final String BATCH_DIM = "N";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Map<String, Integer> counters = new HashMap<>();
  private final String namePrefix;

  OnnxGraph(String name) {
    this(name, "");
  }

  /** A graph whose every new name starts with {@code namePrefix} (for a subgraph's names). */
  OnnxGraph(String name, String namePrefix) {
    graph.setName(name);
    this.namePrefix = namePrefix;
  }

  /** A name not used before, starting with {@code prefix}. */
  public String fresh(String prefix) {
    int k = counters.merge(prefix, 1, Integer::sum);
    return namePrefix + prefix + "_" + k;
  }

  /** Adds a float constant of shape {@code dims}; returns its name. */
  public String constant(String prefix, float[] values, long... dims) {
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putFloat(v);
    }
    bytes.flip();
    return addInitializer(prefix, TensorProto.DataType.FLOAT, ByteString.copyFrom(bytes), dims);
  }

  /** Adds a 0-d float constant; returns its name. */
  public String scalar(String prefix, float value) {
    return constant(prefix, new float[] {value});
  }

  /** Adds an int64 constant of shape {@code dims}; returns its name. */
  public String longConstant(String prefix, long[] values, long... dims) {
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      bytes.putLong(v);
    }
    bytes.flip();
    return addInitializer(prefix, TensorProto.DataType.INT64, ByteString.copyFrom(bytes), dims);
  }

  private String addInitializer(
      String prefix, TensorProto.DataType type, ByteString raw, long... dims) {
    String name = fresh(prefix);
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(type.getNumber()).setRawData(raw);
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /**
   * Adds a node with one output and returns the output's name. The operator must be one of {@link
   * GraphCheck#EXPORTER_OPERATORS}, the set the runtime loads without being told to allow others.
   */
  public String node(String opType, String[] inputs, AttributeProto... attributes) {
    if (!GraphCheck.EXPORTER_OPERATORS.contains(opType)) {
      throw new UnsupportedOperationException(
          "operator "
              + opType
              + " is not in the runtime's GraphCheck.EXPORTER_OPERATORS; add it there (with its"
              + " shape rule in ShapeInference) before emitting it");
    }
    String out = fresh(opType.toLowerCase(java.util.Locale.ROOT));
    NodeProto.Builder node =
        NodeProto.newBuilder().setOpType(opType).setName(out + "_node").addOutput(out);
    for (String in : inputs) {
      node.addInput(in);
    }
    for (AttributeProto a : attributes) {
      node.addAttribute(a);
    }
    graph.addNode(node);
    return out;
  }

  /** Shorthand for {@link #node(String, String[], AttributeProto...)}. */
  public String node(String opType, String... inputs) {
    return node(opType, inputs, new AttributeProto[0]);
  }

  /** An integer attribute. */
  public static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** A float attribute. */
  public static AttributeProto floatAttribute(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  /** Declares a graph input of element type {@code type} with shape [N, dims…]. */
  void input(String name, TensorProto.DataType type, long... dims) {
    graph.addInput(valueInfo(name, type, dims));
  }

  /** Declares a graph input of fixed shape {@code dims} (no batch dimension). */
  void fixedInput(String name, TensorProto.DataType type, long... dims) {
    graph.addInput(fixedValueInfo(name, type, dims));
  }

  /** A value's declaration: element type {@code type}, fixed shape {@code dims}. */
  static ValueInfoProto fixedValueInfo(String name, TensorProto.DataType type, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
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

  /** Declares a graph output as it is, with no Identity node in front. */
  void addOutput(ValueInfoProto output) {
    graph.addOutput(output);
  }

  /** Adds a node built elsewhere (an inlined network's), as it is. */
  void addNode(NodeProto node) {
    graph.addNode(node);
  }

  /** Adds an initializer built elsewhere (an inlined network's weights), as it is. */
  void addInitializer(TensorProto tensor) {
    graph.addInitializer(tensor);
  }

  /** Declares the graph output {@code name} fed by {@code from}, with shape [N, dims…]. */
  void output(String name, String from, long... dims) {
    graph.addNode(
        NodeProto.newBuilder()
            .setOpType("Identity")
            .setName(name + "_identity")
            .addInput(from)
            .addOutput(name));
    graph.addOutput(valueInfo(name, TensorProto.DataType.FLOAT, dims));
  }

  /** A value's declaration: element type {@code type}, shape [N, dims…]. */
  static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM));
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    TypeProto type2 =
        TypeProto.newBuilder()
            .setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))
            .build();
    return ValueInfoProto.newBuilder().setName(name).setType(type2).build();
  }

  GraphProto build() {
    return graph.build();
  }
}
