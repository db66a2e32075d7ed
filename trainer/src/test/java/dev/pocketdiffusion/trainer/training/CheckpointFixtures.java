package dev.pocketdiffusion.trainer.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.trainer.blocks.DenoiserMlp;
import dev.pocketdiffusion.trainer.blocks.NetworkConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checkpoints whose every parameter equals the step they were saved at, so a reader can tell
 * whether the parameters it loaded belong to the step {@code checkpoint.json} records.
 */
final class CheckpointFixtures {
  private CheckpointFixtures() {}

  /** A model holding an initialised default network of the given width. */
  static Model network(TrainingConfig config) {
    Model model = Model.newInstance("fixture");
    DenoiserMlp net = new DenoiserMlp(config.network);
    model.setBlock(net);
    net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2), new Shape(1));
    return model;
  }

  /** A config whose network has hidden width {@code width}. */
  static TrainingConfig config(int width) {
    TrainingConfig config = new TrainingConfig();
    config.network = new NetworkConfig().setWidth(width);
    return config;
  }

  /** Sets every parameter of {@code model} to {@code value} and saves it as step {@code value}. */
  static void saveFilled(File dir, Model model, TrainingConfig config, int value)
      throws IOException {
    for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
      NDArray a = p.getValue().getArray();
      a.muli(0).addi(value);
    }
    ModelCard card = ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);
    TrainingState state =
        new TrainingState(
            value,
            new double[value],
            new Random(value),
            new int[] {0},
            0,
            new NDList(),
            new NDList());
    Checkpoints.save(dir, model.getBlock(), config, card, state, 0.5);
  }

  /** The distinct parameter values of a restored checkpoint. */
  static Set<Float> values(Checkpoints.Restored restored) {
    Set<Float> values = new TreeSet<>();
    for (Pair<String, Parameter> p : restored.network().getParameters()) {
      for (float v : p.getValue().getArray().toFloatArray()) {
        values.add(v);
      }
    }
    return values;
  }

  /** The step recorded in {@code dir}'s checkpoint.json. */
  static int recordedStep(File dir) throws IOException {
    String json =
        new String(
            Files.readAllBytes(new File(dir, Checkpoints.META).toPath()),
            java.nio.charset.StandardCharsets.UTF_8);
    return JsonParser.parseString(json).getAsJsonObject().get("step").getAsInt();
  }

  /**
   * Child-process entry point for the kill test: saves checkpoints of a width-{@code args[1]}
   * network into {@code args[0]} as steps {@code args[2]}, {@code args[2]}+1, … until killed,
   * printing each step saved.
   */
  public static void main(String[] args) throws IOException {
    File dir = new File(args[0]);
    TrainingConfig config = config(Integer.parseInt(args[1]));
    try (Model model = network(config)) {
      for (int step = Integer.parseInt(args[2]); ; step++) {
        saveFilled(dir, model, config, step);
        System.out.println("saved " + step);
        System.out.flush();
      }
    }
  }
}
