package dev.pocketdiffusion.trainer.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxExporter;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;
import dev.pocketdiffusion.exporter.ParityCheck;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import org.junit.jupiter.api.Test;

class ExportParityTest {
  private static final ModelCard CARD =
      ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);

  @Test
  void onnxRuntimeMatchesDjlOnTenThousandInputs() {
    try (Model model = Model.newInstance("parity")) {
      DenoiserMlp net = new DenoiserMlp(new NetworkConfig());
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2), new Shape(1));
      ModelProto proto = OnnxExporter.export(net, CARD);
      assertEquals(OnnxExporter.OPSET, proto.getOpsetImport(0).getVersion());
      assertEquals(OnnxExporter.IR_VERSION, proto.getIrVersion());
      try (OnnxNetwork onnx = OnnxNetwork.open(proto.toByteArray(), "test", 1)) {
        ParityCheck.Report report =
            ParityCheck.run(net, model.getNDManager(), onnx, 10_000, 1000f, 0, 4);
        assertTrue(report.passed(), report.toString());
        assertTrue(report.maxAbsOutput() > 0.01, "outputs must not be trivially zero: " + report);
      }
    }
  }

  @Test
  void batchSizeDoesNotChangeTheOutputAndTheCardIsReadBack() {
    try (Model model = Model.newInstance("batch")) {
      DenoiserMlp net = new DenoiserMlp(new NetworkConfig().setWidth(32).setDepth(1));
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2), new Shape(1));
      byte[] bytes = OnnxExporter.export(net, CARD).toByteArray();
      try (OnnxDenoiser denoiser = OnnxDenoiser.builder().setModelBytes(bytes, "test").build()) {
        assertEquals(CARD.toJson(), denoiser.card().toJson());
        double[] x = {0.3, -1.2, 2.0, 0.5, -0.7, 0.1};
        double[] t = {0.2, 0.5, 0.9};
        double[] batch = new double[6];
        denoiser.predict(x, t, 3, batch);
        for (int i = 0; i < 3; i++) {
          double[] one = new double[2];
          denoiser.predict(new double[] {x[2 * i], x[2 * i + 1]}, new double[] {t[i]}, 1, one);
          assertArrayEquals(new double[] {batch[2 * i], batch[2 * i + 1]}, one, 1e-6);
        }
      }
    }
  }

  @Test
  void refusesABlockItCannotLowerAndNamesIt() {
    Block net = new FirstInputThrough(new LambdaBlock(list -> list, "mystery"));
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> OnnxExporter.export(net, CARD));
    assertTrue(e.getMessage().contains("'mystery'"), e.getMessage());
  }

  /** Applies a child block to x alone, so a network root can hold an arbitrary block. */
  private static final class FirstInputThrough extends AbstractBlock implements OnnxLowerable {
    private final Block child;

    FirstInputThrough(Block child) {
      this.child = addChildBlock("child", child);
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      return child.forward(ps, new NDList(inputs.get(0)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {inputShapes[0]};
    }

    @Override
    public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
      return lowering.lower(child, inputs[0]);
    }
  }
}
