package dev.pocketdiffusion.onnx;

import dev.pocketdiffusion.InvalidInputException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out the shape of every value of a graph, node by node, for the operators the exporter
 * emits, with {@link ModelGraph#SYMBOLIC} standing for the batch N; each shape is checked against
 * {@link GraphCheck}'s size limits as soon as it is known, so a chain of small nodes that would
 * double a tensor forty times is refused before it exists. A value is unknown (null) where an
 * input's shape is not declared or an operator is outside the set (allowed only on request);
 * unknown values are not checked.
 */
final class ShapeInference {
  private static final long N = ModelGraph.SYMBOLIC;

  private final ModelGraph graph;
  private final String source;
  private final Map<String, long[]> shapes = new HashMap<>();
  private final Map<String, long[]> int64Constants = new HashMap<>();
  private long rowTotal;
  private long fixedTotal;

  ShapeInference(ModelGraph graph, String source) {
    this.graph = graph;
    this.source = source;
  }

  /** The shape of every value, null where unknown. */
  Map<String, long[]> run() {
    // an input overrides an initializer of the same name: it is what the runtime feeds
    for (ModelGraph.Value input : graph.inputs) {
      shapes.put(input.name(), input.dims());
      if (input.dims() != null) {
        count(input.dims(), "input " + GraphCheck.shown(input.name()));
      }
    }
    for (ModelGraph.Tensor t : graph.initializers) {
      if (!shapes.containsKey(t.name())) {
        shapes.put(t.name(), t.dims());
        count(t.dims(), "initializer " + GraphCheck.shown(t.name()));
        if (t.int64Values() != null) {
          int64Constants.put(t.name(), t.int64Values());
        }
      }
    }
    for (ModelGraph.Node node : graph.nodes) {
      long[][] ins = new long[node.inputs().size()][];
      boolean known =
          GraphCheck.EXPORTER_OPERATORS.contains(node.opType())
              && (node.domain().isEmpty() || node.domain().equals("ai.onnx"));
      for (int i = 0; i < ins.length; i++) {
        String name = node.inputs().get(i);
        if (name.isEmpty()) {
          continue;
        }
        if (!shapes.containsKey(name)) {
          throw fail(
              node,
              "reads "
                  + GraphCheck.shown(name)
                  + ", which no earlier node, input or initializer defines");
        }
        ins[i] = shapes.get(name);
        known &= ins[i] != null;
      }
      long[] out = known ? infer(node, ins) : null;
      if (out != null) {
        String name = "value " + GraphCheck.shown(node.outputs().get(0));
        if (Arrays.stream(out).filter(d -> d == N).count() > 1) {
          throw new InvalidInputException(
              source
                  + ": "
                  + name
                  + " has the shape "
                  + GraphCheck.format(out)
                  + ", which grows faster than the batch");
        }
        count(out, name);
      }
      for (String name : node.outputs()) {
        if (shapes.containsKey(name)) {
          throw fail(node, "defines " + GraphCheck.shown(name) + " a second time");
        }
        shapes.put(name, out);
      }
    }
    return shapes;
  }

  /**
   * Checks one value's size and adds it to the graph's totals: numbers per point over all values
   * that grow with the batch, numbers over all that do not.
   */
  private void count(long[] dims, String name) {
    long elements = GraphCheck.checkSize(dims, name, source);
    boolean perPoint = false;
    for (long d : dims) {
      perPoint |= d == N;
    }
    if (perPoint) {
      rowTotal += elements;
    } else {
      fixedTotal += elements;
    }
    if (rowTotal > GraphCheck.MAX_GRAPH_ROW_ELEMENTS
        || fixedTotal > GraphCheck.MAX_GRAPH_ELEMENTS) {
      throw new InvalidInputException(
          source
              + ": the graph's values would hold more than "
              + (perPoint
                  ? GraphCheck.MAX_GRAPH_ROW_ELEMENTS + " numbers per point"
                  : GraphCheck.MAX_GRAPH_ELEMENTS + " numbers")
              + " in all (reached at "
              + name
              + ")");
    }
  }

  private long[] infer(ModelGraph.Node node, long[][] in) {
    if (node.outputs().size() != 1) {
      throw fail(node, "has " + node.outputs().size() + " outputs, expected 1");
    }
    switch (node.opType()) {
      case "Identity":
      case "Relu":
      case "Sigmoid":
      case "Tanh":
      case "Sin":
      case "Cos":
      case "Erf":
        arity(node, in, 1, 1);
        return in[0];
      case "Add":
      case "Mul":
      case "Div":
      case "Max":
      case "Min":
        arity(node, in, 2, 2);
        return broadcast(node, in[0], in[1]);
      case "Concat":
        return concat(node, in);
      case "Gather":
        return gather(node, in);
      case "Gemm":
        return gemm(node, in);
      case "Unsqueeze":
        return unsqueeze(node, in);
      default:
        throw new IllegalStateException("no shape rule for " + node.opType());
    }
  }

  private void arity(ModelGraph.Node node, long[][] in, int min, int max) {
    boolean given = in.length >= min;
    for (int i = 0; i < min && given; i++) {
      given = in[i] != null;
    }
    if (in.length > max || !given) {
      throw fail(
          node,
          "has " + in.length + " inputs, expected " + (min == max ? min : min + " to " + max));
    }
  }

  private long[] broadcast(ModelGraph.Node node, long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 1; i <= rank; i++) {
      long x = i <= a.length ? a[a.length - i] : 1;
      long y = i <= b.length ? b[b.length - i] : 1;
      if (x != y && x != 1 && y != 1) {
        throw fail(
            node, "cannot broadcast " + GraphCheck.format(a) + " with " + GraphCheck.format(b));
      }
      out[rank - i] = x == 1 ? y : x;
    }
    return out;
  }

  private long[] concat(ModelGraph.Node node, long[][] in) {
    if (in.length < 1 || in[0] == null || !node.ints().containsKey("axis")) {
      throw fail(node, "needs at least one input and an axis");
    }
    int rank = in[0].length;
    int axis = axis(node, node.ints().get("axis"), rank);
    long[] out = in[0].clone();
    for (int k = 1; k < in.length; k++) {
      if (in[k] == null || in[k].length != rank) {
        throw fail(node, "joins tensors of different ranks");
      }
      for (int i = 0; i < rank; i++) {
        if (i == axis) {
          if (out[i] == N || in[k][i] == N) {
            throw fail(node, "joins along the batch dimension, which the exporter never does");
          }
          out[i] += in[k][i];
        } else if (out[i] != in[k][i]) {
          throw fail(
              node, "joins " + GraphCheck.format(in[0]) + " with " + GraphCheck.format(in[k]));
        }
      }
    }
    return out;
  }

  private long[] gather(ModelGraph.Node node, long[][] in) {
    arity(node, in, 2, 2);
    long[] data = in[0];
    long[] indices = in[1];
    int axis = axis(node, node.ints().getOrDefault("axis", 0L), data.length);
    if (data.length == 0) {
      throw fail(node, "gathers from a scalar");
    }
    long[] out = new long[data.length - 1 + indices.length];
    System.arraycopy(data, 0, out, 0, axis);
    System.arraycopy(indices, 0, out, axis, indices.length);
    System.arraycopy(data, axis + 1, out, axis + indices.length, data.length - axis - 1);
    return out;
  }

  private long[] gemm(ModelGraph.Node node, long[][] in) {
    arity(node, in, 2, 3);
    long[] a = in[0];
    long[] b = in[1];
    if (a.length != 2 || b.length != 2) {
      throw fail(
          node,
          "multiplies "
              + GraphCheck.format(a)
              + " by "
              + GraphCheck.format(b)
              + "; both must be matrices");
    }
    boolean transA = node.ints().getOrDefault("transA", 0L) != 0;
    boolean transB = node.ints().getOrDefault("transB", 0L) != 0;
    long m = transA ? a[1] : a[0];
    long k = transA ? a[0] : a[1];
    long k2 = transB ? b[1] : b[0];
    long p = transB ? b[0] : b[1];
    if (k != k2 || k == N) {
      throw fail(
          node,
          "multiplies "
              + GraphCheck.format(a)
              + " by "
              + GraphCheck.format(b)
              + " (inner sizes differ)");
    }
    long[] out = {m, p};
    if (in.length == 3 && in[2] != null && !Arrays.equals(broadcast(node, in[2], out), out)) {
      throw fail(
          node,
          "adds a bias of shape " + GraphCheck.format(in[2]) + " to " + GraphCheck.format(out));
    }
    return out;
  }

  private long[] unsqueeze(ModelGraph.Node node, long[][] in) {
    arity(node, in, 1, 2);
    long[] axes =
        in.length == 2 ? int64Constants.get(node.inputs().get(1)) : node.intLists().get("axes");
    if (axes == null || axes.length == 0 || axes.length > GraphCheck.MAX_RANK) {
      throw fail(node, "needs its axes as a small int64 initializer");
    }
    int rank = in[0].length + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long a : axes) {
      int axis = axis(node, a, rank);
      if (inserted[axis]) {
        throw fail(node, "names axis " + a + " twice");
      }
      inserted[axis] = true;
    }
    long[] out = new long[rank];
    for (int i = 0, j = 0; i < rank; i++) {
      out[i] = inserted[i] ? 1 : in[0][j++];
    }
    return out;
  }

  private int axis(ModelGraph.Node node, long axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw fail(node, "has axis " + axis + " outside a tensor of rank " + rank);
    }
    return (int) (axis < 0 ? axis + rank : axis);
  }

  private InvalidInputException fail(ModelGraph.Node node, String problem) {
    List<String> outs = node.outputs();
    return new InvalidInputException(
        source
            + ": node "
            + node.opType()
            + (outs.isEmpty() ? "" : " -> " + GraphCheck.shown(outs.get(0)))
            + " "
            + problem);
  }
}
