package dev.pocketdiffusion.onnx;

import dev.pocketdiffusion.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link GraphCheck} needs of an ONNX model, read straight from its protobuf bytes: the nodes
 * (with those of nested subgraphs), the initializers' declared shapes and stored sizes, and the
 * declared shapes of inputs, outputs and intermediate values. Reading stops as soon as the graph
 * has more than {@link GraphCheck#MAX_NODES} nodes or nests subgraphs too deep.
 */
final class ModelGraph {
  /** Stands for a dimension without a fixed size (the batch N) in a shape. */
  static final long SYMBOLIC = -1;

  private static final int MAX_DEPTH = 16;

  /** Most values kept of a repeated number field; one more marks a longer list. */
  static final int MAX_KEPT = 64;

  /** Most inputs or outputs of one node (the exporter's widest Concat has D + 2). */
  static final int MAX_NODE_VALUES = 1 << 16;

  /** One node: operator, inputs, outputs and its integer attributes. */
  record Node(
      String opType,
      String domain,
      List<String> inputs,
      List<String> outputs,
      Map<String, Long> ints,
      Map<String, long[]> intLists) {}

  /**
   * An initializer: element type, declared dims, the number of bytes or values it stores ({@code
   * rawBytes} or {@code values}, -1 where absent), whether it lives in an external file, and its
   * values if it is a small int64 tensor (else null).
   */
  record Tensor(
      String name,
      int dataType,
      long[] dims,
      long rawBytes,
      long values,
      boolean external,
      long[] int64Values) {}

  /** A declared value: its tensor element type (0 if not a tensor) and dims, null if unknown. */
  record Value(String name, int elemType, long[] dims) {}

  final List<Node> nodes = new ArrayList<>();
  final List<Node> nestedNodes = new ArrayList<>();
  final List<Tensor> initializers = new ArrayList<>();
  final List<Value> inputs = new ArrayList<>();
  final List<Value> outputs = new ArrayList<>();
  final List<Value> valueInfos = new ArrayList<>();
  final List<String> functions = new ArrayList<>();
  int sparseInitializers;
  final Map<String, String> metadata = new HashMap<>();
  private final String source;
  private boolean hasGraph;

  private ModelGraph(String source) {
    this.source = source;
  }

  /**
   * Reads a serialized ModelProto.
   *
   * @throws InvalidInputException if the bytes are not protobuf, there is no graph, or the graph is
   *     over the node or nesting limit
   */
  static ModelGraph read(byte[] bytes, String source) {
    ModelGraph model = new ModelGraph(source);
    try {
      ProtoReader in = new ProtoReader(bytes);
      for (int field; (field = in.next()) != 0; ) {
        if (field == 7 && in.wireType() == ProtoReader.LENGTH) {
          model.hasGraph = true;
          model.graph(in.message(), 0);
        } else if (field == 25 && in.wireType() == ProtoReader.LENGTH) {
          model.functions.add(function(in.message()));
        } else if (field == 14 && in.wireType() == ProtoReader.LENGTH) {
          model.metadataEntry(in.message());
        } else {
          in.skip();
        }
      }
    } catch (ProtoReader.Malformed e) {
      throw new InvalidInputException(
          source + ": not a loadable ONNX model (bad protobuf: " + e.getMessage() + ")");
    }
    if (!model.hasGraph) {
      throw new InvalidInputException(source + ": not a loadable ONNX model (it has no graph)");
    }
    return model;
  }

  private void metadataEntry(ProtoReader in) {
    String key = "";
    String value = "";
    for (int field; (field = in.next()) != 0; ) {
      if ((field == 1 || field == 2) && in.wireType() == ProtoReader.LENGTH) {
        if (field == 1) {
          key = in.string();
        } else {
          value = in.string();
        }
      } else {
        in.skip();
      }
    }
    metadata.put(key, value);
  }

  private static String function(ProtoReader in) {
    String name = "";
    String domain = "";
    for (int field; (field = in.next()) != 0; ) {
      if (field == 1 && in.wireType() == ProtoReader.LENGTH) {
        name = in.string();
      } else if (field == 10 && in.wireType() == ProtoReader.LENGTH) {
        domain = in.string();
      } else {
        in.skip();
      }
    }
    return domain.isEmpty() ? name : domain + "." + name;
  }

  private void graph(ProtoReader in, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidInputException(
          source + ": subgraphs are nested more than " + MAX_DEPTH + " deep");
    }
    for (int field; (field = in.next()) != 0; ) {
      if (in.wireType() != ProtoReader.LENGTH) {
        in.skip();
        continue;
      }
      switch (field) {
        case 1:
          Node node = node(in.message(), depth);
          (depth == 0 ? nodes : nestedNodes).add(node);
          if (nodes.size() + nestedNodes.size() > GraphCheck.MAX_NODES) {
            throw new InvalidInputException(
                source
                    + ": the graph has more than "
                    + GraphCheck.MAX_NODES
                    + " nodes; the exporter's models have a few dozen");
          }
          break;
        case 5:
          if (depth == 0) {
            initializers.add(tensor(in.message()));
          } else {
            in.skip();
          }
          break;
        case 15:
          sparseInitializers++;
          in.skip();
          break;
        case 11:
        case 12:
        case 13:
          if (depth == 0) {
            Value value = value(in.message());
            (field == 11 ? inputs : field == 12 ? outputs : valueInfos).add(value);
          } else {
            in.skip();
          }
          break;
        default:
          in.skip();
      }
    }
  }

  private Node node(ProtoReader in, int depth) {
    String opType = "";
    String domain = "";
    List<String> ins = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    Map<String, Long> ints = new HashMap<>();
    Map<String, long[]> intLists = new HashMap<>();
    for (int field; (field = in.next()) != 0; ) {
      if (in.wireType() != ProtoReader.LENGTH) {
        in.skip();
        continue;
      }
      switch (field) {
        case 1:
        case 2:
          (field == 1 ? ins : outs).add(in.string());
          if (ins.size() + outs.size() > MAX_NODE_VALUES) {
            throw new InvalidInputException(
                source + ": a node has more than " + MAX_NODE_VALUES + " inputs and outputs");
          }
          break;
        case 4:
          opType = in.string();
          break;
        case 7:
          domain = in.string();
          break;
        case 5:
          attribute(in.message(), depth, ints, intLists);
          break;
        default:
          in.skip();
      }
    }
    return new Node(opType, domain, ins, outs, ints, intLists);
  }

  private void attribute(
      ProtoReader in, int depth, Map<String, Long> ints, Map<String, long[]> intLists) {
    String name = "";
    Long i = null;
    List<Long> list = new ArrayList<>();
    for (int field; (field = in.next()) != 0; ) {
      if (field == 1 && in.wireType() == ProtoReader.LENGTH) {
        name = in.string();
      } else if (field == 3 && in.wireType() == ProtoReader.VARINT) {
        i = in.varint();
      } else if (field == 8) {
        varints(in, list);
      } else if ((field == 6 || field == 11) && in.wireType() == ProtoReader.LENGTH) {
        graph(in.message(), depth + 1);
      } else {
        in.skip();
      }
    }
    if (i != null) {
      ints.put(name, i);
    }
    if (!list.isEmpty()) {
      intLists.put(name, list.stream().mapToLong(Long::longValue).toArray());
    }
  }

  /**
   * Appends a repeated varint field's values, packed or not, keeping at most {@link #MAX_KEPT} of
   * them (enough for any rank or list of axes GraphCheck looks at; a longer list is refused by
   * size).
   */
  private static void varints(ProtoReader in, List<Long> out) {
    if (in.wireType() == ProtoReader.VARINT) {
      long v = in.varint();
      if (out.size() <= MAX_KEPT) {
        out.add(v);
      }
    } else if (in.wireType() == ProtoReader.LENGTH) {
      ProtoReader packed = in.message();
      while (!packed.done()) {
        long v = packed.varint();
        if (out.size() <= MAX_KEPT) {
          out.add(v);
        }
      }
    } else {
      in.skip();
    }
  }

  /** Counts a repeated field's values: packed varints or fixed-size numbers, or one per entry. */
  private static long count(ProtoReader in, int fixedSize) {
    if (in.wireType() != ProtoReader.LENGTH) {
      in.skip();
      return 1;
    }
    if (fixedSize > 0) {
      return in.skipLength() / fixedSize;
    }
    ProtoReader packed = in.message();
    long n = 0;
    while (!packed.done()) {
      packed.varint();
      n++;
    }
    return n;
  }

  private static Tensor tensor(ProtoReader in) {
    String name = "";
    int dataType = 0;
    List<Long> dims = new ArrayList<>();
    long rawBytes = -1;
    long values = 0;
    boolean external = false;
    byte[] raw = null;
    List<Long> int64s = new ArrayList<>();
    for (int field; (field = in.next()) != 0; ) {
      switch (field) {
        case 1:
          varints(in, dims);
          break;
        case 2:
          dataType = (int) (in.wireType() == ProtoReader.VARINT ? in.varint() : skip(in));
          break;
        case 8:
          if (in.wireType() == ProtoReader.LENGTH) {
            name = in.string();
          } else {
            in.skip();
          }
          break;
        case 9:
          if (in.wireType() == ProtoReader.LENGTH) {
            ProtoReader data = in.message();
            rawBytes = data.size();
            raw = rawBytes <= 64 * Long.BYTES ? data.toBytes() : null;
          } else {
            in.skip();
          }
          break;
        case 7:
          if (in.wireType() == ProtoReader.VARINT) {
            long v = in.varint();
            if (int64s.size() < MAX_KEPT) {
              int64s.add(v);
            }
            values++;
          } else {
            values += count(in, 0);
          }
          break;
        case 4:
          values += count(in, 4);
          break;
        case 10:
        case 11:
          values += count(in, in.wireType() == ProtoReader.LENGTH ? 8 : 0);
          break;
        case 5:
        case 6:
          values += count(in, 0);
          break;
        case 13:
          external = true;
          in.skip();
          break;
        case 14:
          external |= in.wireType() == ProtoReader.VARINT ? in.varint() == 1 : skip(in) != 0;
          break;
        default:
          in.skip();
      }
    }
    long[] int64Values = null;
    if (dataType == 7 && raw != null && raw.length % Long.BYTES == 0) {
      ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      int64Values = new long[raw.length / Long.BYTES];
      for (int k = 0; k < int64Values.length; k++) {
        int64Values[k] = b.getLong();
      }
    } else if (dataType == 7 && rawBytes < 0 && values == int64s.size() && values <= MAX_KEPT) {
      int64Values = int64s.stream().mapToLong(Long::longValue).toArray();
    }
    return new Tensor(
        name,
        dataType,
        dims.stream().mapToLong(Long::longValue).toArray(),
        rawBytes,
        values,
        external,
        int64Values);
  }

  private static long skip(ProtoReader in) {
    in.skip();
    return 0;
  }

  private static Value value(ProtoReader in) {
    String name = "";
    int elemType = 0;
    long[] dims = null;
    for (int field; (field = in.next()) != 0; ) {
      if (field == 1 && in.wireType() == ProtoReader.LENGTH) {
        name = in.string();
      } else if (field == 2 && in.wireType() == ProtoReader.LENGTH) {
        ProtoReader type = in.message();
        for (int f; (f = type.next()) != 0; ) {
          if (f == 1 && type.wireType() == ProtoReader.LENGTH) {
            ProtoReader tensor = type.message();
            for (int g; (g = tensor.next()) != 0; ) {
              if (g == 1 && tensor.wireType() == ProtoReader.VARINT) {
                elemType = (int) tensor.varint();
              } else if (g == 2 && tensor.wireType() == ProtoReader.LENGTH) {
                dims = shape(tensor.message());
              } else {
                tensor.skip();
              }
            }
          } else {
            type.skip();
          }
        }
      } else {
        in.skip();
      }
    }
    return new Value(name, elemType, dims);
  }

  private static long[] shape(ProtoReader in) {
    List<Long> dims = new ArrayList<>();
    for (int field; (field = in.next()) != 0; ) {
      if (field == 1 && in.wireType() == ProtoReader.LENGTH) {
        ProtoReader dim = in.message();
        long size = SYMBOLIC;
        for (int f; (f = dim.next()) != 0; ) {
          if (f == 1 && dim.wireType() == ProtoReader.VARINT) {
            size = dim.varint();
          } else {
            dim.skip();
          }
        }
        dims.add(size);
        if (dims.size() > GraphCheck.MAX_RANK) {
          break;
        }
      } else {
        in.skip();
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }
}
