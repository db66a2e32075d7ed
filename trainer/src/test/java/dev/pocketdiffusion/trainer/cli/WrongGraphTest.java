package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.pocketdiffusion.onnx.TestGraphs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid ONNX graphs that carry a valid card but whose inputs or output do not have the names, types
 * or shapes the runtime feeds: each is refused at load with one line naming the file and the
 * offending input, exit code 1, and no output file.
 */
class WrongGraphTest {
  @TempDir Path dir;

  private static final TensorProto.DataType FLOAT = TensorProto.DataType.FLOAT;
  private static final TensorProto.DataType INT64 = TensorProto.DataType.INT64;

  /**
   * A model whose output {@code out} is {@code Identity(first input)}, declared as {@code output},
   * with a dimension-2 card.
   */
  private File model(String name, ValueInfoProto output, ValueInfoProto... inputs)
      throws IOException {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("wrong");
    for (ValueInfoProto in : inputs) {
      graph.addInput(in);
    }
    graph.addNode(
        NodeProto.newBuilder()
            .setOpType("Identity")
            .addInput(inputs[0].getName())
            .addOutput("out"));
    graph.addOutput(output);
    return write(name, graph);
  }

  private File write(String name, GraphProto.Builder graph) throws IOException {
    File file = dir.resolve(name).toFile();
    Files.write(file.toPath(), TestGraphs.model(graph));
    return file;
  }

  private void assertRefused(File model, String... fragments) throws IOException {
    File out = dir.resolve("out.csv").toFile();
    CliHarness r =
        CliHarness.runtime(
            "sample",
            "--model",
            model.getPath(),
            "-n",
            "4",
            "--steps",
            "2",
            "--out",
            out.getPath());
    assertEquals(1, r.exitCode, r.err);
    String err = r.err.trim();
    assertFalse(err.contains("\n"), "one line expected, got:\n" + err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    assertTrue(err.contains(model.getName() + ": "), "the file is named: " + err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' missing in: " + err);
    }
    assertFalse(out.exists(), "no output for a refused model");
    try (var files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
          "temporary file left behind");
    }
  }

  @Test
  void aWellFormedGraphIsAccepted() throws IOException {
    File ok =
        model(
            "ok.onnx",
            TestGraphs.value("out", FLOAT, "N", 2),
            TestGraphs.value("x", FLOAT, "N", 2),
            TestGraphs.value("t", FLOAT, "N"));
    File out = dir.resolve("ok.csv").toFile();
    CliHarness r =
        CliHarness.runtime(
            "sample", "--model", ok.getPath(), "-n", "4", "--steps", "2", "--out", out.getPath());
    assertEquals(0, r.exitCode, r.err);
    assertTrue(out.isFile());
  }

  @Test
  void inputCalledFoo() throws IOException {
    File m =
        model(
            "foo.onnx",
            TestGraphs.value("out", FLOAT, "N", 2),
            TestGraphs.value("foo", FLOAT, "N", 2),
            TestGraphs.value("t", FLOAT, "N"));
    assertRefused(m, "model inputs are [", "foo", "expected x float [N, D], t float [N]");
  }

  @Test
  void missingTimeInput() throws IOException {
    File m =
        model(
            "no-t.onnx",
            TestGraphs.value("out", FLOAT, "N", 2),
            TestGraphs.value("x", FLOAT, "N", 2));
    assertRefused(m, "model inputs are [x]", "t float [N]");
  }

  @Test
  void extraInput() throws IOException {
    File m =
        model(
            "extra.onnx",
            TestGraphs.value("out", FLOAT, "N", 2),
            TestGraphs.value("x", FLOAT, "N", 2),
            TestGraphs.value("t", FLOAT, "N"),
            TestGraphs.value("foo", FLOAT, "N"));
    assertRefused(m, "model inputs are [", "foo");
  }

  @Test
  void xOfWidthThreeAgainstACardOfTwo() throws IOException {
    File m =
        model(
            "wide.onnx",
            TestGraphs.value("out", FLOAT, "N", 3),
            TestGraphs.value("x", FLOAT, "N", 3),
            TestGraphs.value("t", FLOAT, "N"));
    assertRefused(m, "model card says dimension 2 but input x has 3");
  }

  @Test
  void xWithoutAFixedWidth() throws IOException {
    File m =
        model(
            "flat.onnx",
            TestGraphs.value("out", FLOAT, "N"),
            TestGraphs.value("x", FLOAT, "N"),
            TestGraphs.value("t", FLOAT, "N"));
    assertRefused(m, "input x has shape [-1], expected [N, D] with a fixed D");
  }

  @Test
  void xOfTheWrongType() throws IOException {
    File m =
        model(
            "double.onnx",
            TestGraphs.value("out", TensorProto.DataType.DOUBLE, "N", 2),
            TestGraphs.value("x", TensorProto.DataType.DOUBLE, "N", 2),
            TestGraphs.value("t", FLOAT, "N"));
    assertRefused(m, "x is ", "expected a tensor float [N, D]");
  }

  @Test
  void timeOfTheWrongShapeOrType() throws IOException {
    assertRefused(
        model(
            "t2d.onnx",
            TestGraphs.value("out", FLOAT, "N", 2),
            TestGraphs.value("x", FLOAT, "N", 2),
            TestGraphs.value("t", FLOAT, "N", 1)),
        "input t has shape [-1, 1], expected float [N]");
    assertRefused(
        model(
            "tint.onnx",
            TestGraphs.value("out", FLOAT, "N", 2),
            TestGraphs.value("x", FLOAT, "N", 2),
            TestGraphs.value("t", INT64, "N")),
        "t is ",
        "expected a tensor float [N]");
  }

  @Test
  void outputOfTheWrongWidth() throws IOException {
    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("wide-out")
            .addInput(TestGraphs.value("x", FLOAT, "N", 2))
            .addInput(TestGraphs.value("t", FLOAT, "N"))
            .addInitializer(
                TensorProto.newBuilder()
                    .setName("w")
                    .setDataType(FLOAT.getNumber())
                    .addDims(2)
                    .addDims(3)
                    .setRawData(ByteString.copyFrom(new byte[2 * 3 * Float.BYTES])))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Gemm")
                    .addInput("x")
                    .addInput("w")
                    .addOutput("out"))
            .addOutput(TestGraphs.value("out", FLOAT, "N", 3));
    assertRefused(
        write("wide-out.onnx", graph),
        "output out has shape [-1, 3], expected [N, 2] like input x");
    graph.setOutput(0, TestGraphs.value("out", FLOAT, "N", 2));
    assertRefused(
        write("wide-lie.onnx", graph), "output out is computed as [N, 3] but declared [N, 2]");
  }
}
