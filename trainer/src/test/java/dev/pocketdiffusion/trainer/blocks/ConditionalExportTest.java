package dev.pocketdiffusion.trainer.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
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
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Guidance;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The label input from card to ONNX graph to ORT, and classifier-free guidance on top of it. */
class ConditionalExportTest {
  /** Rows 0..2 are the classes, row 3 the null label. */
  private static final float[] TABLE = {1, 0, 0, 2, -1, -1, 0.5f, 0.5f};

  /** out = x + TABLE[label]: exact arithmetic, so DJL and ORT must agree to float rounding. */
  private static final class LabelShift extends AbstractBlock implements OnnxLowerable {
    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      NDArray table = in.get(0).getManager().create(TABLE, new Shape(4, 2));
      return new NDList(in.get(0).add(in.get(2).oneHot(4).matMul(table)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {inputShapes[0]};
    }

    @Override
    public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
      String rows =
          graph.node(
              "Gather",
              new String[] {graph.constant("table", TABLE, 4, 2), inputs[2]},
              OnnxGraph.intAttribute("axis", 0));
      return graph.node("Add", inputs[0], rows);
    }
  }

  private static byte[] export() {
    ModelCard card = ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);
    card.setClasses(Arrays.asList("a", "b", "c"));
    return OnnxExporter.export(new LabelShift(), card).toByteArray();
  }

  @Test
  void labelledGraphMatchesDjlOnTenThousandInputs() {
    try (Model model = Model.newInstance("cond");
        OnnxNetwork onnx = OnnxNetwork.open(export(), "cond", 1)) {
      LabelShift block = new LabelShift();
      block.initialize(
          model.getNDManager(), DataType.FLOAT32, new Shape(1, 2), new Shape(1), new Shape(1));
      assertTrue(onnx.isLabelled());
      ParityCheck.Report report =
          ParityCheck.run(block, model.getNDManager(), onnx, 10_000, 1000f, 4, 1);
      assertTrue(report.maxAbsDiff() <= 1e-6, report.toString());
    }
  }

  @Test
  void guidanceCombinesConditionalAndUnconditionalPredictions() {
    try (OnnxDenoiser model = OnnxDenoiser.builder().setModelBytes(export(), "cond").build()) {
      assertEquals(3, model.numClasses());
      Denoiser guided = Guidance.of(model, 1, 3.0);
      double[] out = new double[2];
      guided.predict(new double[] {0.25, -0.5}, new double[] {0.5}, 1, out);
      // u = x + row 3, c = x + row 1: u + 3(c − u) = x + row3 + 3(row1 − row3)
      assertEquals(0.25 + 0.5 + 3 * (0 - 0.5), out[0], 1e-6);
      assertEquals(-0.5 + 0.5 + 3 * (2 - 0.5), out[1], 1e-6);
      double[] plain = new double[2];
      model.predict(new double[] {0.25, -0.5}, new double[] {0.5}, 1, plain);
      assertEquals(0.75, plain[0], 1e-6, "no class: the null label");
    }
  }

  @Test
  void refusesLabelsOutOfRangeAndGuidanceOnUnconditionalModels() {
    try (OnnxDenoiser model = OnnxDenoiser.builder().setModelBytes(export(), "cond").build()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Guidance.of(model, 3, 1));
      assertEquals("--class 3 is out of range: the model has 3 classes (0..2)", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Guidance.of(model, -1, 1));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              model.predict(new double[2], new double[] {0.5}, new long[] {-1}, 1, new double[2]));
    }
  }
}
