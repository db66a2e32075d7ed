package dev.pocketdiffusion.onnx;

import static dev.pocketdiffusion.onnx.TestGraphs.FLOAT;
import static dev.pocketdiffusion.onnx.TestGraphs.floats;
import static dev.pocketdiffusion.onnx.TestGraphs.graph;
import static dev.pocketdiffusion.onnx.TestGraphs.longs;
import static dev.pocketdiffusion.onnx.TestGraphs.model;
import static dev.pocketdiffusion.onnx.TestGraphs.node;
import static dev.pocketdiffusion.onnx.TestGraphs.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.NonFiniteOutputException;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile ONNX graphs (issue 16, class 5): each is refused by {@link GraphCheck} with one line
 * naming the model before ONNX Runtime creates a session, so none of them allocates what it asks
 * for; the zoo's models and an opted-in foreign operator still load.
 */
class HostileGraphTest {
  @TempDir Path dir;

  private static final File ZOO = new File("../models");

  /** An identity model: out = Identity(x). */
  private static GraphProto.Builder identity() {
    return graph().addNode(node("Identity", "out", "x"));
  }

  private static String refusal(GraphProto.Builder graph) {
    return refusal(model(graph));
  }

  private static String refusal(byte[] bytes) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> OnnxDenoiser.builder().setModelBytes(bytes, "m.onnx").build().close());
    String message = e.getMessage();
    assertTrue(message.startsWith("m.onnx: "), message);
    assertFalse(message.contains("\n"), message);
    return message;
  }

  @Test
  void everyZooModelPassesAndUsesOnlyTheListedOperators() throws IOException {
    File[] models = ZOO.listFiles((d, name) -> name.endsWith(".onnx"));
    assertTrue(models != null && models.length >= 8, "the zoo is there");
    Set<String> used = new TreeSet<>();
    for (File f : models) {
      byte[] bytes = Files.readAllBytes(f.toPath());
      GraphCheck.check(bytes, f.getName(), false);
      for (ModelGraph.Node n : ModelGraph.read(bytes, f.getName()).nodes) {
        used.add(n.opType());
      }
      try (OnnxDenoiser model = OnnxDenoiser.load(f)) {
        assertEquals(2, model.dimension());
      }
    }
    assertTrue(GraphCheck.EXPORTER_OPERATORS.containsAll(used), used.toString());
    assertTrue(used.containsAll(Arrays.asList("Gemm", "Concat", "Gather", "Identity")), "" + used);
  }

  @Test
  void constantOfShapeAndExpandBombsAreRefusedByOperator() {
    long[] huge = {100_000, 100_000, 100};
    String bomb =
        refusal(
            graph()
                .addInitializer(longs("shape", huge, 3))
                .addNode(node("ConstantOfShape", "big", "shape"))
                .addNode(node("Identity", "out", "x")));
    assertEquals(
        "m.onnx: operator ConstantOfShape is not one the exporter emits; pass"
            + " --allow-any-operator to run it anyway",
        bomb);
    String expand =
        refusal(
            graph()
                .addInitializer(longs("shape", huge, 3))
                .addInitializer(floats("one", new float[] {1}))
                .addNode(node("Expand", "big", "one", "shape"))
                .addNode(node("Identity", "out", "x")));
    assertTrue(expand.contains("operator Expand is not one the exporter emits"), expand);
    NodeProto foreign =
        node("FusedGemm", "out", "x", "x").toBuilder().setDomain("com.microsoft").build();
    assertTrue(
        refusal(graph().addNode(foreign)).contains("operator com.microsoft.FusedGemm is not"));
    String longName = refusal(graph().addNode(node("A".repeat(1_000_000), "out", "x")));
    assertTrue(longName.length() < 200 && longName.contains("(1000000 characters)"), longName);
  }

  @Test
  void aDoublingChainOfListedOperatorsIsRefusedBeforeItExists() {
    // c_{k+1} = Concat(c_k, c_k): 1 KB of nodes that ORT would fold into 2^40 floats at load
    GraphProto.Builder constants = graph().addInitializer(floats("c0", new float[] {1}, 1));
    for (int k = 0; k < 40; k++) {
      constants.addNode(node("Concat", "axis", 0, "c" + (k + 1), "c" + k, "c" + k));
    }
    String fixed = refusal(constants.addNode(node("Identity", "out", "x")));
    assertTrue(fixed.contains("would hold 33554432 numbers (the limit is 16777216)"), fixed);
    // per point: x [N, 2] doubled along axis 1
    GraphProto.Builder rows = graph();
    String previous = "x";
    for (int k = 0; k < 30; k++) {
      rows.addNode(node("Concat", "axis", 1, "r" + k, previous, previous));
      previous = "r" + k;
    }
    String perPoint = refusal(rows.addNode(node("Identity", "out", "x")));
    assertTrue(perPoint.contains("[N, 131072] would hold 131072 numbers per point"), perPoint);
    // [N, 1] × [1, N]: a value that grows with the square of the batch
    String square =
        refusal(
            graph()
                .addInitializer(longs("ax0", new long[] {0}, 1))
                .addInitializer(longs("ax1", new long[] {1}, 1))
                .addNode(node("Unsqueeze", "col", "t", "ax1"))
                .addNode(node("Unsqueeze", "row", "t", "ax0"))
                .addNode(node("Mul", "sq", "col", "row"))
                .addNode(node("Identity", "out", "x")));
    assertEquals(
        "m.onnx: value sq has the shape [N, N], which grows faster than the batch", square);
  }

  @Test
  void tooManyNodesHighRankAndFalseSizesAreRefused() {
    GraphProto.Builder many = graph();
    String previous = "x";
    for (int k = 0; k <= GraphCheck.MAX_NODES; k++) {
      many.addNode(node("Identity", "i" + k, previous));
      previous = "i" + k;
    }
    assertTrue(refusal(many).contains("more than 100000 nodes"));
    long[] rank9 = new long[9];
    Arrays.fill(rank9, 1);
    assertTrue(
        refusal(identity().addValueInfo(value("v", FLOAT, null, rank9))).contains("has rank 9"));
    TensorProto liar =
        floats("w", new float[] {1}).toBuilder().addDims(1_000_000).addDims(1_000_000).build();
    String lie = refusal(identity().addInitializer(liar));
    assertTrue(lie.contains("initializer w of shape [1000000, 1000000] would hold"), lie);
    TensorProto small = floats("w", new float[] {1, 2}).toBuilder().addDims(3).build();
    assertTrue(
        refusal(identity().addInitializer(small)).contains("declares shape [3] (3 values) but"));
    TensorProto external =
        floats("w", new float[] {1}).toBuilder()
            .addExternalData(
                StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/passwd"))
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .build();
    assertTrue(refusal(identity().addInitializer(external)).contains("external file"));
  }

  @Test
  void shapesAreWorkedOutAndComparedWithTheDeclaredOutput() {
    String wide =
        refusal(
            graph()
                .addInitializer(floats("w", new float[6], 2, 3))
                .addNode(node("Gemm", "out", "x", "w")));
    assertEquals("m.onnx: output out is computed as [N, 3] but declared [N, 2]", wide);
    ValueInfoProto open =
        value("out", FLOAT, "N", 2).toBuilder()
            .setType(
                value("out", FLOAT, "N", 2).getType().toBuilder()
                    .setTensorType(
                        value("out", FLOAT, "N", 2).getType().getTensorType().toBuilder()
                            .setShape(
                                TensorShapeProto.newBuilder()
                                    .addDim(
                                        TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                    .addDim(
                                        TensorShapeProto.Dimension.newBuilder().setDimParam("D")))))
            .build();
    // declared [N, D]: the computed [N, 2] is what counts, and a computed [N, 3] is refused
    OnnxDenoiser.builder()
        .setModelBytes(model(identity().setOutput(0, open)), "d.onnx")
        .build()
        .close();
    String undeclared =
        refusal(
            graph()
                .setOutput(0, open)
                .addInitializer(floats("w", new float[6], 2, 3))
                .addNode(node("Gemm", "out", "x", "w")));
    assertEquals("m.onnx: output out has shape [-1, 3], expected [N, 2] like input x", undeclared);
    String undefined = refusal(graph().addNode(node("Add", "out", "x", "nothing")));
    assertTrue(undefined.contains("reads nothing, which no earlier node"), undefined);
    String axes = refusal(graph().addNode(node("Unsqueeze", "out", "x", "t")));
    assertTrue(axes.contains("axes as a small int64 initializer"), axes);
    assertTrue(refusal(new byte[] {8, 8, 0x3a, 100, 1}).contains("not a loadable ONNX model"));
  }

  @Test
  void aForeignOperatorRunsOnlyWhenAllowed() {
    byte[] negate = model(graph().addNode(node("Neg", "out", "x")));
    assertTrue(refusal(negate).contains("operator Neg is not one the exporter emits"));
    try (OnnxDenoiser model =
        OnnxDenoiser.builder()
            .setModelBytes(negate, "neg.onnx")
            .optAllowAnyOperator(true)
            .build()) {
      double[] out = new double[2];
      model.predict(new double[] {1.5, -2}, new double[] {0.5}, 1, out);
      assertEquals(-1.5, out[0], 0);
      assertEquals(2, out[1], 0);
    }
  }

  @Test
  void aWrongShapedOutputAtRunTimeIsOneLine() {
    // declared [N, 2], but Tile makes it [N, 4] with repeats [1, 1 + ceil(sigmoid(max t))]
    // computed from the data, so only running it shows that
    byte[] tile =
        model(
            graph()
                .addInitializer(floats("one", new float[] {1}, 1))
                .addNode(node("ReduceMax", "keepdims", 1, "tmax", "t"))
                .addNode(node("Sigmoid", "s", "tmax"))
                .addNode(node("Ceil", "c", "s"))
                .addNode(node("Add", "r", "c", "one"))
                .addNode(node("Concat", "axis", 0, "repsf", "one", "r"))
                .addNode(node("Cast", "to", 7, "reps", "repsf"))
                .addNode(node("Tile", "out", "x", "reps")));
    try (OnnxDenoiser model =
        OnnxDenoiser.builder().setModelBytes(tile, "tile.onnx").optAllowAnyOperator(true).build()) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> model.predict(new double[4], new double[] {0.5, 0.5}, 2, new double[4]));
      assertEquals(
          "tile.onnx: the network's output has shape [2, 4] for 2 points, expected [2, 2]",
          e.getMessage());
    }
  }

  @Test
  void aNanOutputNamesTheModelThePointAndTheEvaluation() {
    // out = x / t: infinite where t = 0 (the network sees t scaled by the card, so use x * inf)
    byte[] nan =
        model(
            graph()
                .addInitializer(floats("inf", new float[] {Float.POSITIVE_INFINITY}))
                .addNode(node("Mul", "out", "x", "inf")));
    try (OnnxDenoiser model = OnnxDenoiser.builder().setModelBytes(nan, "nan.onnx").build()) {
      NonFiniteOutputException e =
          assertThrows(
              NonFiniteOutputException.class,
              () -> Sampling.generate(model, Samplers.create("ddim", 5), 3, 1));
      assertTrue(e.getMessage().startsWith("nan.onnx: the network output "), e.getMessage());
      assertTrue(e.getMessage().contains("for point 0 at t = 1.0"), e.getMessage());
      assertTrue(
          e.getMessage()
              .contains("(network evaluation 1) during sampler step 1 of 5; the model is"),
          e.getMessage());
      assertEquals(0, e.point());
    }
  }

  @Test
  void aDirectoryOrFifoAsTheModelIsCalledWhatItIs() throws Exception {
    InvalidInputException directory =
        assertThrows(InvalidInputException.class, () -> OnnxDenoiser.load(dir.toFile()));
    assertEquals(dir + ": is a directory, expected a model file", directory.getMessage());
    File fifo = dir.resolve("fifo.onnx").toFile();
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.getPath()).start().waitFor());
    InvalidInputException pipe =
        assertThrows(InvalidInputException.class, () -> OnnxDenoiser.load(fifo));
    assertEquals(
        fifo + ": is not a regular file (a FIFO, device or socket), expected a model file",
        pipe.getMessage());
    assertEquals(
        "/dev/null: is not a regular file (a FIFO, device or socket), expected a model file",
        assertThrows(InvalidInputException.class, () -> OnnxDenoiser.load(new File("/dev/null")))
            .getMessage());
  }

  @Test
  void permissionDeniedNamesThePath() {
    File file = new File("/some/model.onnx");
    assertEquals(
        "/some/model.onnx: permission denied",
        dev.pocketdiffusion.io.InputFiles.failure(
                file, new java.nio.file.AccessDeniedException(file.getPath()))
            .getMessage());
  }
}
