package dev.pocketdiffusion.trainer;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.exporter.OnnxExporter;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.trainer.blocks.DenoiserMlp;
import dev.pocketdiffusion.trainer.blocks.NetworkConfig;
import java.io.File;
import java.io.IOException;

/** Small exported models for tests, made without training. */
public final class TestModels {
  private TestModels() {}

  /** A randomly initialised default network's ONNX export (with a card) written to {@code file}. */
  public static File exportRandom(File file) throws IOException {
    try (Model model = Model.newInstance("test")) {
      DenoiserMlp net = new DenoiserMlp(new NetworkConfig());
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2), new Shape(1));
      ModelCard card = ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);
      OnnxExporter.write(OnnxExporter.export(net, card), file);
      return file;
    }
  }
}
