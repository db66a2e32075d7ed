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
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * A training checkpoint: the network's parameters ({@code network.params}, DJL's format) and
 * {@code checkpoint.json} (step, loss, the full config, the model card, and the size and CRC-32 of
 * the parameters). A save never leaves a torn checkpoint, even when the process is killed: the new
 * parameters go to {@code network.params.next} (temp file, fsync, rename), then the JSON is
 * replaced the same way (this is the commit point), then {@code network.params.next} is renamed
 * over {@code network.params}. Whatever moment a crash hits, the JSON's checksum names exactly one
 * of the two parameter files, and {@link #load} and the next {@link #save} use that one.
 */
public final class Checkpoints {
  /** Parameter file name inside a checkpoint directory. */
  public static final String PARAMS = "network.params";
  /** Metadata file name inside a checkpoint directory; written last, it decides which parameters count. */
  public static final String META = "checkpoint.json";
  /** Parameters written but not yet switched in; they count only if {@link #META}'s checksum says so. */
  static final String NEXT_PARAMS = PARAMS + ".next";

  private Checkpoints() {}

  /** Saves {@code network} after {@code step} steps. */
  public static void save(File dir, Block network, TrainingConfig config, ModelCard card, int step, double loss)
      throws IOException {
    finishInterruptedSave(dir);
    File next = new File(dir, NEXT_PARAMS);
    CRC32 crc = new CRC32();
    AtomicFiles.write(next, out -> network.saveParameters(new DataOutputStream(new CheckedOutputStream(out, crc))));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("step", step);
    meta.put("loss", loss);
    meta.put("params_bytes", next.length());
    meta.put("params_crc32", crc.getValue());
    meta.put("config", config);
    meta.put("card", JsonParser.parseString(card.toJson()));
    AtomicFiles.writeString(new File(dir, META), Json.write(meta));
    AtomicFiles.move(next, new File(dir, PARAMS));
    deleteLeftoverTemporaries(dir);
  }

  /** If a save was killed after its commit point, completes its switch to the committed parameters. */
  private static void finishInterruptedSave(File dir) throws IOException {
    File next = new File(dir, NEXT_PARAMS);
    if (!next.isFile()) {
      return;
    }
    File committed;
    try {
      committed = committedParams(dir, readMeta(new File(dir, META)));
    } catch (InvalidInputException e) {
      committed = null; // unreadable or damaged: the save under way replaces it all
    }
    if (next.equals(committed)) {
      AtomicFiles.move(next, new File(dir, PARAMS));
    } else {
      Files.delete(next.toPath()); // written by a save killed before its commit point
    }
  }

  /** Removes the hidden temporary files of writes that a killed process never finished. */
  private static void deleteLeftoverTemporaries(File dir) throws IOException {
    File[] leftovers = dir.listFiles((d, name) -> name.startsWith(".") && name.endsWith(".tmp"));
    for (File f : leftovers == null ? new File[0] : leftovers) {
      Files.deleteIfExists(f.toPath());
    }
  }

  private static JsonObject readMeta(File meta) {
    try {
      return JsonParser.parseString(new String(Files.readAllBytes(meta.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new InvalidInputException(meta + ": cannot read checkpoint metadata (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The parameter file {@code json} committed to: {@link #PARAMS}, or {@link #NEXT_PARAMS} if a save
   * was killed between its commit and its final rename. Checkpoints written before checksums were
   * recorded name {@link #PARAMS}.
   *
   * @throws InvalidInputException if neither file has the recorded size and checksum
   */
  private static File committedParams(File dir, JsonObject json) {
    File params = new File(dir, PARAMS);
    if (!json.has("params_crc32")) {
      return params;
    }
    long bytes;
    long crc;
    try {
      bytes = json.get("params_bytes").getAsLong();
      crc = json.get("params_crc32").getAsLong();
    } catch (RuntimeException e) {
      throw new InvalidInputException(new File(dir, META) + ": params_bytes and params_crc32 must be numbers", e);
    }
    for (File candidate : new File[] {params, new File(dir, NEXT_PARAMS)}) {
      if (candidate.isFile() && candidate.length() == bytes && crc32(candidate) == crc) {
        return candidate;
      }
    }
    throw new InvalidInputException(params + ": parameters do not match " + META
        + " (size or CRC-32 differs); the checkpoint is damaged, use an earlier copy or retrain");
  }

  private static long crc32(File file) {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file.toPath())) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    return crc.getValue();
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
    if (!meta.isFile() || !(new File(dir, PARAMS).isFile() || new File(dir, NEXT_PARAMS).isFile())) {
      throw new InvalidInputException(dir + ": not a checkpoint (expected " + META + " and " + PARAMS + ")");
    }
    JsonObject json = readMeta(meta);
    if (!json.has("config") || !json.has("card")) {
      throw new InvalidInputException(meta + ": checkpoint metadata lacks config or card (written by an older trainer?)");
    }
    File params = committedParams(dir, json);
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
}
