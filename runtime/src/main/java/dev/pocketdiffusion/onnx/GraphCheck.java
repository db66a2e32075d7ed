package dev.pocketdiffusion.onnx;

import dev.pocketdiffusion.InvalidInputException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an ONNX model's bytes before ONNX Runtime sees them, so a hostile file of a few bytes
 * cannot make it allocate gigabytes (ORT folds constant subgraphs while it creates the session).
 * Refused: an operator outside the set the exporter emits ({@link #EXPORTER_OPERATORS}, unless the
 * caller allows any), model-local functions, more than {@link #MAX_NODES} nodes, tensors of rank
 * over {@link #MAX_RANK}, initializers whose declared size is not what they store or that live in
 * external files, and any value whose shape, worked out node by node from the inputs, would hold
 * more than {@link #MAX_ROW_ELEMENTS} numbers per point or {@link #MAX_TENSOR_ELEMENTS} in all
 * (with limits on the totals too), or differs from what the graph declares.
 */
public final class GraphCheck {
  /**
   * The operators the exporter and the trainer's blocks emit, and {@code Max}/{@code Min} for a
   * baked sampler's x̂0 clamp (default ONNX domain).
   */
  public static final Set<String> EXPORTER_OPERATORS =
      Collections.unmodifiableSet(
          new TreeSet<>(
              Arrays.asList(
                  "Add",
                  "Concat",
                  "Cos",
                  "Div",
                  "Erf",
                  "Gather",
                  "Gemm",
                  "Identity",
                  "Max",
                  "Min",
                  "Mul",
                  "Relu",
                  "Sigmoid",
                  "Sin",
                  "Tanh",
                  "Unsqueeze")));

  /** Most nodes in a graph, subgraphs included (the zoo's models have a few dozen). */
  public static final int MAX_NODES = 100_000;

  /** Highest tensor rank (the exporter's tensors have rank 0 to 2). */
  public static final int MAX_RANK = 8;

  /**
   * Most numbers per point in any value that grows with the batch: 512 times the trainer's default
   * hidden width of 128.
   */
  public static final long MAX_ROW_ELEMENTS = 1 << 16;

  /** Most numbers in any tensor of fixed size: a 4096 × 4096 weight matrix. */
  public static final long MAX_TENSOR_ELEMENTS = 1 << 24;

  /**
   * Most numbers per point over all values of the graph that grow with the batch (ONNX Runtime may
   * keep many of them alive at once).
   */
  public static final long MAX_GRAPH_ROW_ELEMENTS = 1 << 20;

  /** Most numbers over all fixed-size tensors of the graph: 256 MB of floats. */
  public static final long MAX_GRAPH_ELEMENTS = 1 << 26;

  /** Largest model file read, in bytes. */
  public static final long MAX_MODEL_BYTES = 256L << 20;

  private GraphCheck() {}

  /**
   * Checks a serialized model; {@code source} names it in messages.
   *
   * @param allowAnyOperator run operators outside {@link #EXPORTER_OPERATORS} too (their outputs'
   *     shapes are then not worked out, so their sizes go unchecked)
   * @throws InvalidInputException with one line naming the source and the problem
   */
  public static void check(byte[] model, String source, boolean allowAnyOperator) {
    if (model.length > MAX_MODEL_BYTES) {
      throw new InvalidInputException(
          source + ": model is larger than the limit of " + MAX_MODEL_BYTES + " bytes");
    }
    ModelGraph graph = ModelGraph.read(model, source);
    if (!allowAnyOperator) {
      if (!graph.functions.isEmpty()) {
        throw new InvalidInputException(
            source
                + ": model-local function "
                + shown(graph.functions.get(0))
                + " is not one the exporter emits; pass --allow-any-operator to run it anyway");
      }
      checkOperators(graph.nodes, source);
      checkOperators(graph.nestedNodes, source);
    }
    if (graph.sparseInitializers > 0) {
      throw new InvalidInputException(
          source + ": the graph has sparse initializers, which the exporter never writes");
    }
    for (ModelGraph.Tensor tensor : graph.initializers) {
      checkInitializer(tensor, source);
    }
    for (ModelGraph.Value value : graph.inputs) {
      checkDeclared(value, source);
    }
    for (ModelGraph.Value value : graph.outputs) {
      checkDeclared(value, source);
    }
    for (ModelGraph.Value value : graph.valueInfos) {
      checkDeclared(value, source);
    }
    Map<String, long[]> shapes = new ShapeInference(graph, source).run();
    for (ModelGraph.Value output : graph.outputs) {
      long[] computed = shapes.get(output.name());
      if (computed != null && output.dims() != null && !agrees(computed, output.dims())) {
        throw new InvalidInputException(
            source
                + ": output "
                + shown(output.name())
                + " is computed as "
                + format(computed)
                + " but declared "
                + format(output.dims()));
      }
    }
  }

  private static void checkOperators(Iterable<ModelGraph.Node> nodes, String source) {
    for (ModelGraph.Node node : nodes) {
      boolean defaultDomain = node.domain().isEmpty() || node.domain().equals("ai.onnx");
      if (!defaultDomain || !EXPORTER_OPERATORS.contains(node.opType())) {
        throw new InvalidInputException(
            source
                + ": operator "
                + shown((defaultDomain ? "" : node.domain() + ".") + node.opType())
                + " is not one the exporter emits; pass --allow-any-operator to run it anyway");
      }
    }
  }

  private static void checkInitializer(ModelGraph.Tensor tensor, String source) {
    String name = "initializer " + shown(tensor.name());
    if (tensor.external()) {
      throw new InvalidInputException(
          source + ": " + name + " is stored in an external file, which the exporter never does");
    }
    long elements = checkSize(tensor.dims(), name, source);
    int size = elementSize(tensor.dataType());
    boolean consistent =
        tensor.rawBytes() >= 0
            ? size <= 0 || tensor.rawBytes() == elements * size
            : tensor.values() == elements;
    if (!consistent) {
      throw new InvalidInputException(
          source
              + ": "
              + name
              + " declares shape "
              + format(tensor.dims())
              + " ("
              + elements
              + " values) but stores "
              + (tensor.rawBytes() >= 0
                  ? tensor.rawBytes() + " bytes"
                  : tensor.values() + " values"));
    }
  }

  private static void checkDeclared(ModelGraph.Value value, String source) {
    if (value.dims() != null) {
      checkSize(value.dims(), "value " + shown(value.name()), source);
    }
  }

  /**
   * Checks a shape's rank and size and returns its number of elements (per point if it has a
   * symbolic dimension).
   */
  static long checkSize(long[] dims, String name, String source) {
    if (dims.length > MAX_RANK) {
      throw new InvalidInputException(
          source + ": " + name + " has rank " + dims.length + " (the limit is " + MAX_RANK + ")");
    }
    long elements = 1;
    int symbolic = 0;
    for (long d : dims) {
      if (d == ModelGraph.SYMBOLIC) {
        symbolic++;
      } else if (d < 0) {
        throw new InvalidInputException(
            source + ": " + name + " has the negative dimension " + d + " in " + format(dims));
      } else {
        elements = d == 0 || elements == 0 ? 0 : Math.min(Long.MAX_VALUE / d, elements) * d;
        elements = Math.min(elements, Long.MAX_VALUE / 2);
      }
    }
    long limit = symbolic > 0 ? MAX_ROW_ELEMENTS : MAX_TENSOR_ELEMENTS;
    if (elements > limit) {
      throw new InvalidInputException(
          source
              + ": "
              + name
              + " of shape "
              + format(dims)
              + " would hold "
              + (elements >= Long.MAX_VALUE / 2 ? "more than 2^62" : String.valueOf(elements))
              + " numbers"
              + (symbolic > 0 ? " per point" : "")
              + " (the limit is "
              + limit
              + ")");
    }
    return elements;
  }

  /** Bytes per element of an ONNX data type, or 0 where not fixed (strings, 4-bit types). */
  private static int elementSize(int dataType) {
    switch (dataType) {
      case 2: // uint8
      case 3: // int8
      case 9: // bool
      case 17: // float8 variants
      case 18:
      case 19:
      case 20:
        return 1;
      case 4: // uint16
      case 5: // int16
      case 10: // float16
      case 16: // bfloat16
        return 2;
      case 1: // float
      case 6: // int32
      case 12: // uint32
        return 4;
      case 7: // int64
      case 11: // double
      case 13: // uint64
      case 14: // complex64
        return 8;
      case 15: // complex128
        return 16;
      default:
        return 0;
    }
  }

  private static boolean agrees(long[] computed, long[] declared) {
    if (computed.length != declared.length) {
      return false;
    }
    for (int i = 0; i < computed.length; i++) {
      // a symbolic declared size promises nothing; OnnxNetwork insists on a fixed D
      if (declared[i] != ModelGraph.SYMBOLIC && computed[i] != declared[i]) {
        return false;
      }
    }
    return true;
  }

  /** A name from the model as shown in a message: in full if short, else a quoted excerpt. */
  static String shown(String name) {
    return name.length() <= InvalidInputException.QUOTE_LIMIT
        ? name
        : InvalidInputException.quote(name);
  }

  /** A shape as {@code [N, 2]}. */
  static String format(long[] dims) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? ", " : "").append(dims[i] == ModelGraph.SYMBOLIC ? "N" : dims[i]);
    }
    return sb.append(']').toString();
  }
}
