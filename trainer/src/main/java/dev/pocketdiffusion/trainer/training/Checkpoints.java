package dev.pocketdiffusion.trainer.training;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.MalformedModelException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.cli.Json;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.trainer.blocks.DenoiserMlp;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint: the network's parameters ({@code network.params}, DJL's format), the
 * {@link TrainingState} a resumed run continues from ({@code training.state}) and
 * {@code checkpoint.json} (step, loss, the full config and the model card). Each file is written
 * atomically and the parameters first, so a crash mid-write leaves the previous checkpoint
 * readable; the JSON is what makes a checkpoint self-describing enough to rebuild and export.
 */
public final class Checkpoints {
  /** Parameter file name inside a checkpoint directory. */
  public static final String PARAMS = "network.params";
  /** Metadata file name inside a checkpoint directory. */
  public static final String META = "checkpoint.json";

  private Checkpoints() {}

  /** Saves {@code network} and the training state after {@code state.step} steps. */
  static void save(File dir, Block network, TrainingConfig config, ModelCard card, TrainingState state, double loss)
      throws IOException {
    AtomicFiles.write(new File(dir, PARAMS), out -> network.saveParameters(new DataOutputStream(out)));
    state.save(dir);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("step", state.step);
    meta.put("loss", loss);
    meta.put("config", config);
    meta.put("card", JsonParser.parseString(card.toJson()));
    AtomicFiles.writeString(new File(dir, META), Json.write(meta));
  }

  /** A checkpoint read back: its config, card and the network with its parameters loaded. */
  public static final class Restored implements AutoCloseable {
    private final Model model;
    private final TrainingConfig config;
    private final ModelCard card;

    Restored(Model model, TrainingConfig config, ModelCard card) {
      this.model = model;
      this.config = config;
      this.card = card;
    }

    /** The network, parameters loaded, for inference. */
    public Block network() {
      return model.getBlock();
    }

    /** The model whose manager owns the parameters. */
    public Model model() {
      return model;
    }

    /** The training config. */
    public TrainingConfig config() {
      return config;
    }

    /** The model card recorded with the checkpoint. */
    public ModelCard card() {
      return card;
    }

    @Override
    public void close() {
      model.close();
    }
  }

  /**
   * Rebuilds the network described by {@code dir}'s config and loads its parameters.
   *
   * @throws InvalidInputException naming the directory and what is missing or broken
   */
  public static Restored load(File dir) {
    File meta = new File(dir, META);
    File params = new File(dir, PARAMS);
    JsonObject json = readMeta(dir);
    TrainingConfig config = Json.read(json.get("config"), TrainingConfig.class);
    ModelCard card = ModelCard.fromJson(json.get("card").toString(), meta.toString());
    Model model = Model.newInstance("restored");
    try {
      DenoiserMlp network = new DenoiserMlp(config.network);
      model.setBlock(network);
      if (card.numClasses() > 0) {
        network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, card.dimension()), new Shape(1), new Shape(1));
      } else {
        network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, card.dimension()), new Shape(1));
      }
      try (InputStream in = Files.newInputStream(params.toPath())) {
        network.loadParameters(model.getNDManager(), new DataInputStream(in));
      }
      return new Restored(model, config, card);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new InvalidInputException(params + ": parameters do not fit the recorded network (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The training config recorded in the checkpoint {@code dir}.
   *
   * @throws InvalidInputException naming the directory and what is missing or broken
   */
  public static TrainingConfig readConfig(File dir) {
    return Json.read(readMeta(dir).get("config"), TrainingConfig.class);
  }

  private static JsonObject readMeta(File dir) {
    File meta = new File(dir, META);
    File params = new File(dir, PARAMS);
    if (!meta.isFile() || !params.isFile()) {
      throw new InvalidInputException(dir + ": not a checkpoint (expected " + META + " and " + PARAMS + ")");
    }
    JsonObject json;
    try {
      json = JsonParser.parseString(new String(Files.readAllBytes(meta.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new InvalidInputException(meta + ": cannot read checkpoint metadata (" + e.getMessage() + ")", e);
    }
    if (!json.has("config") || !json.has("card")) {
      throw new InvalidInputException(meta + ": checkpoint metadata lacks config or card (written by an older trainer?)");
    }
    return json;
  }
}
