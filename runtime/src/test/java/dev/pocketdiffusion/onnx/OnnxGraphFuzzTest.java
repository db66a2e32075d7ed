package dev.pocketdiffusion.onnx;

import static dev.pocketdiffusion.onnx.TestGraphs.floats;
import static dev.pocketdiffusion.onnx.TestGraphs.graph;
import static dev.pocketdiffusion.onnx.TestGraphs.longs;
import static dev.pocketdiffusion.onnx.TestGraphs.model;
import static dev.pocketdiffusion.onnx.TestGraphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Fuzz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated models (the zoo's moons model and a small graph with every operator the exporter emits)
 * either load and run or are refused with one line; nothing else escapes, ONNX Runtime never
 * crashes the JVM and nothing allocates without bound.
 */
class OnnxGraphFuzzTest {
  /** A 2-D denoiser of a few hundred bytes using each operator of GraphCheck's list. */
  static byte[] everyOperator() {
    return model(
        graph()
            .addInitializer(longs("col0", new long[] {0}))
            .addInitializer(longs("axes", new long[] {-1}, 1))
            .addInitializer(floats("freq", new float[] {1, 2, 4, 8}, 1, 4))
            .addInitializer(floats("w1", new float[8 * 11], 8, 11))
            .addInitializer(floats("b1", new float[8], 8))
            .addInitializer(floats("w2", new float[2 * 8], 2, 8))
            .addInitializer(floats("two", new float[] {2}))
            .addNode(node("Gather", "axis", 1, "c0", "x", "col0"))
            .addNode(node("Unsqueeze", "c0u", "c0", "axes"))
            .addNode(node("Unsqueeze", "tu", "t", "axes"))
            .addNode(node("Mul", "angles", "tu", "freq"))
            .addNode(node("Sin", "sin", "angles"))
            .addNode(node("Cos", "cos", "angles"))
            .addNode(node("Concat", "axis", 1, "features", "x", "c0u", "sin", "cos"))
            .addNode(node("Gemm", "transB", 1, "h", "features", "w1", "b1"))
            .addNode(node("Relu", "r", "h"))
            .addNode(node("Tanh", "th", "r"))
            .addNode(node("Sigmoid", "sg", "th"))
            .addNode(node("Div", "half", "sg", "two"))
            .addNode(node("Erf", "e", "half"))
            .addNode(node("Gemm", "transB", 1, "y", "e", "w2"))
            .addNode(node("Add", "sum", "y", "x"))
            .addNode(node("Identity", "out", "sum")));
  }

  @Test
  void mutatedModelsLoadOrAreRefusedWithOneLine() throws IOException {
    List<byte[]> valid =
        Arrays.asList(everyOperator(), Files.readAllBytes(Paths.get("../models/moons.onnx")));
    double[] x = {0.5, -1, 2, 0.25};
    double[] t = {0.1, 0.9};
    try (OnnxDenoiser model =
        OnnxDenoiser.builder().setModelBytes(valid.get(0), "every-operator.onnx").build()) {
      double[] out = new double[4];
      model.predict(x, t, 2, out);
      assertEquals(x[0], out[0], 1e-6, "zero weights: out = x"); // y = 0, so out = x
    }
    Fuzz.Outcome outcome =
        Fuzz.run(
            20261203L,
            valid,
            60,
            100_000,
            3000,
            input -> {
              try (OnnxDenoiser model =
                  OnnxDenoiser.builder().setModelBytes(input, "fuzz.onnx").build()) {
                model.predict(x, t, 2, new double[4]);
              }
            });
    assertTrue(outcome.refused > 0, "some mutations must break the model");
    assertTrue(outcome.accepted > 0, "some mutations (of weights) must still load");
  }
}
