package dev.pocketdiffusion.trainer.training;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.io.Json;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * A training checkpoint: the network's parameters ({@code network.params}, DJL's format), the
 * {@link TrainingState} a resumed run continues from ({@code training.state}) and {@code
 * checkpoint.json} (step, loss, the full config, the model card, and the size and CRC-32 of both
 * other files). A save never leaves a torn checkpoint, even when the process is killed: the new
 * files go to {@code NAME.next} (temp file, fsync, rename), then the JSON is replaced the same way
 * (this is the commit point), then each {@code NAME.next} is renamed over {@code NAME}. Whatever
 * moment a crash hits, the JSON's checksums name exactly one version of each file, and {@link
 * #load}, {@link #loadState} and the next {@link #save} use that one.
 */
public final class Checkpoints {
  /** Parameter file name inside a checkpoint directory. */
  public static final String PARAMS = "network.params";

  /**
   * Metadata file name inside a checkpoint directory; written last, it decides which parameters
   * count.
   */
  public static final String META = "checkpoint.json";

  /** Training-state file name inside a checkpoint directory. */
  static final String STATE = "training.state";

  /**
   * Suffix of a file written but not yet switched in; it counts only if {@link #META}'s checksum
   * says so.
   */
  static final String NEXT = ".next";

  /** Parameters written but not yet switched in. */
  static final String NEXT_PARAMS = PARAMS + NEXT;

  /** The checksummed files and the prefix of their size and CRC keys in {@link #META}. */
  private static final String[][] FILES = {{PARAMS, "params"}, {STATE, "state"}};

  /** The key of the checksum over the rest of {@link #META}, which is its last key. */
  static final String SEAL = "meta_crc32";

  private static final Pattern SEAL_TAIL =
      Pattern.compile("\"" + SEAL + "\":\\s*(\\d{1,19})\\s*}\\s*");

  /** Far more than any checkpoint's metadata (a config and a model card). */
  private static final long MAX_META_BYTES = 1 << 20;

  /** Longest excerpt of a recorded path that a message quotes. */
  private static final int MAX_QUOTED = 60;

  private Checkpoints() {}

  /** Saves {@code network} and the training state after {@code state.step} steps. */
  static void save(
      File dir,
      Block network,
      TrainingConfig config,
      ModelCard card,
      TrainingState state,
      double loss)
      throws IOException {
    finishInterruptedSave(dir);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("step", state.step);
    meta.put("loss", loss);
    writeNext(
        dir, PARAMS, "params", meta, out -> network.saveParameters(new DataOutputStream(out)));
    writeNext(dir, STATE, "state", meta, state::write);
    meta.put("config", config);
    meta.put("card", JsonParser.parseString(card.toJson()));
    if (config.data != null) {
      File data = new File(config.data);
      meta.put("data_bytes", data.length());
      meta.put("data_crc32", crc32(data));
    }
    AtomicFiles.writeString(new File(dir, META), sealed(Json.write(meta)));
    for (String[] file : FILES) {
      AtomicFiles.move(new File(dir, file[0] + NEXT), new File(dir, file[0]));
    }
    deleteLeftoverTemporaries(dir);
  }

  private static void writeNext(
      File dir, String name, String key, Map<String, Object> meta, AtomicFiles.StreamWriter writer)
      throws IOException {
    File next = new File(dir, name + NEXT);
    CRC32 crc = new CRC32();
    AtomicFiles.write(next, out -> writer.write(new CheckedOutputStream(out, crc)));
    meta.put(key + "_bytes", next.length());
    meta.put(key + "_crc32", crc.getValue());
  }

  /** If a save was killed after its commit point, completes its switch to the committed files. */
  private static void finishInterruptedSave(File dir) throws IOException {
    JsonObject json;
    try {
      json = readMeta(new File(dir, META));
    } catch (InvalidInputException e) {
      json = null; // unreadable, damaged or absent: the save under way replaces it all
    }
    for (String[] file : FILES) {
      File next = new File(dir, file[0] + NEXT);
      if (!next.isFile()) {
        continue;
      }
      File committed;
      try {
        committed = json == null ? null : committed(dir, json, file[0], file[1]);
      } catch (InvalidInputException e) {
        committed = null;
      }
      if (next.equals(committed)) {
        AtomicFiles.move(next, new File(dir, file[0]));
      } else {
        Files.delete(next.toPath()); // written by a save killed before its commit point
      }
    }
  }

  /**
   * Removes the hidden temporary files ({@code .NAME.*.tmp}, as {@link AtomicFiles} names them) in
   * {@code dir} of writes that a killed process never finished.
   */
  static void deleteLeftoverTemporaries(File dir) throws IOException {
    File[] leftovers = dir.listFiles((d, name) -> name.startsWith(".") && name.endsWith(".tmp"));
    for (File f : leftovers == null ? new File[0] : leftovers) {
      Files.deleteIfExists(f.toPath());
    }
  }

  private static JsonObject readMeta(File meta) {
    if (!meta.isFile()) {
      throw new InvalidInputException(meta + ": missing");
    }
    if (meta.length() > MAX_META_BYTES) {
      throw new InvalidInputException(
          meta + ": " + meta.length() + " bytes, more than a checkpoint's metadata can be");
    }
    String text;
    try {
      text = new String(Files.readAllBytes(meta.toPath()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(meta + ": cannot read (" + e.getMessage() + ")", e);
    }
    checkSeal(meta, text);
    try {
      return JsonParser.parseString(text).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new InvalidInputException(
          meta + ": cannot read checkpoint metadata (" + e.getMessage() + ")", e);
    }
  }

  /**
   * {@code json} (a JSON object as {@link Json#write} prints it) with a last key {@value #SEAL}:
   * the CRC-32 of all the text before that key, so an edit anywhere in the file is detected.
   */
  private static String sealed(String json) {
    String body = json.substring(0, json.lastIndexOf('}')).stripTrailing() + ",\n  ";
    return body + '"' + SEAL + "\": " + crc32(body) + "\n}\n";
  }

  /**
   * Refuses metadata whose last key is not a {@value #SEAL} matching the text before it.
   *
   * @throws InvalidInputException naming the file
   */
  private static void checkSeal(File meta, String text) {
    int at = text.lastIndexOf('"' + SEAL + '"');
    Matcher tail = at < 0 ? null : SEAL_TAIL.matcher(text.substring(at));
    if (tail == null || !tail.matches()) {
      throw new InvalidInputException(
          meta
              + ": has no "
              + SEAL
              + " checksum as its last key (written by an older trainer, or edited); retrain");
    }
    long recorded;
    try {
      recorded = Long.parseLong(tail.group(1));
    } catch (NumberFormatException e) {
      recorded = -1;
    }
    if (recorded != crc32(text.substring(0, at))) {
      throw new InvalidInputException(
          meta
              + ": edited or damaged (its "
              + SEAL
              + " checksum does not match its content); use an earlier copy or retrain");
    }
  }

  private static long crc32(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /**
   * The version of file {@code name} that {@code json} committed to: {@code name}, or {@code
   * name.next} if a save was killed between its commit and its final rename. Checkpoints written
   * before checksums were recorded name {@code name}.
   *
   * @throws InvalidInputException if neither version has the recorded size and checksum
   */
  private static File committed(File dir, JsonObject json, String name, String key) {
    File file = new File(dir, name);
    if (!json.has(key + "_crc32")) {
      return file;
    }
    long bytes;
    long crc;
    try {
      bytes = json.get(key + "_bytes").getAsLong();
      crc = json.get(key + "_crc32").getAsLong();
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          new File(dir, META) + ": " + key + "_bytes and " + key + "_crc32 must be numbers", e);
    }
    for (File candidate : new File[] {file, new File(dir, name + NEXT)}) {
      if (candidate.isFile() && candidate.length() == bytes && crc32(candidate) == crc) {
        return candidate;
      }
    }
    throw new InvalidInputException(
        file
            + ": does not match "
            + META
            + " (size or CRC-32 differs); the checkpoint is damaged, use an earlier copy or retrain");
  }

  /**
   * The training state committed in the checkpoint {@code dir}, read into {@code manager}.
   *
   * @throws InvalidInputException naming the file when it is missing (an older trainer's
   *     checkpoint), damaged or unreadable
   */
  static TrainingState loadState(File dir, NDManager manager) {
    JsonObject json = readMeta(new File(dir, META));
    if (!json.has("state_crc32")) {
      throw new InvalidInputException(
          new File(dir, STATE)
              + ": missing, so this checkpoint cannot be resumed (written by an older trainer?)");
    }
    return TrainingState.read(committed(dir, json, STATE, "state"), manager);
  }

  /**
   * The training config recorded in the checkpoint {@code dir}.
   *
   * @throws InvalidInputException naming the directory and what is missing or broken
   */
  public static TrainingConfig readConfig(File dir) {
    File meta = new File(dir, META);
    if (!meta.isFile()) {
      throw new InvalidInputException(nothingCommitted(dir));
    }
    JsonObject json = readMeta(meta);
    if (!json.has("config")) {
      throw new InvalidInputException(
          meta + ": checkpoint metadata lacks the config (written by an older trainer?)");
    }
    return recordedConfig(meta, json, true);
  }

  /** Why {@code dir} has nothing to resume, for a directory without {@link #META}. */
  private static String nothingCommitted(File dir) {
    if (new File(dir, NEXT_PARAMS).isFile()) {
      return dir
          + ": no complete checkpoint (the first save was cut short: "
          + NEXT_PARAMS
          + " but no "
          + META
          + "); nothing to resume, start the run again with --overwrite";
    }
    return dir
        + ": no checkpoint to resume (none was saved yet: the first comes after"
        + " the checkpoint interval, or at a stop); start the run again with --overwrite";
  }

  /**
   * The config {@code json} records, checked as the command line's options are; to train on, also
   * with its dataset file, if any, unchanged since it was recorded.
   *
   * @param toTrain whether the config will train (a resume), not just rebuild the network
   * @throws InvalidInputException naming {@code meta} and what is wrong
   */
  private static TrainingConfig recordedConfig(File meta, JsonObject json, boolean toTrain) {
    TrainingConfig config;
    try {
      config = Json.read(json.get("config"), TrainingConfig.class);
      TrainingLimits.check(config);
      config.network.validate();
      if (toTrain) {
        config.validate();
        Devices.parse(config.device);
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          meta + ": the recorded config is not valid (" + e.getMessage() + "); retrain", e);
    }
    if (toTrain && config.data != null) {
      File data = new File(config.data);
      boolean same;
      try {
        same =
            data.isFile()
                && json.get("data_bytes").getAsLong() == data.length()
                && json.get("data_crc32").getAsLong() == crc32(data);
      } catch (RuntimeException e) {
        same = false;
      }
      if (!same) {
        throw new InvalidInputException(
            meta
                + ": the dataset file the run trained on ('"
                + excerpt(config.data)
                + "') is missing or has changed since; restore it, or retrain");
      }
    }
    return config;
  }

  /** At most {@link #MAX_QUOTED} characters of {@code text}, its end kept. */
  private static String excerpt(String text) {
    return text.length() <= MAX_QUOTED
        ? text
        : "…" + text.substring(text.length() - MAX_QUOTED + 1);
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
    if (!meta.isFile()
        || !(new File(dir, PARAMS).isFile() || new File(dir, NEXT_PARAMS).isFile())) {
      throw new InvalidInputException(
          dir + ": not a checkpoint (expected " + META + " and " + PARAMS + ")");
    }
    JsonObject json = readMeta(meta);
    if (!json.has("config") || !json.has("card")) {
      throw new InvalidInputException(
          meta + ": checkpoint metadata lacks config or card (written by an older trainer?)");
    }
    File params = committed(dir, json, PARAMS, "params");
    TrainingConfig config = recordedConfig(meta, json, false);
    ModelCard card = ModelCard.fromJson(json.get("card").toString(), meta.toString());
    Model model = Model.newInstance("restored");
    try {
      DenoiserMlp network = new DenoiserMlp(config.network);
      model.setBlock(network);
      if (card.numClasses() > 0) {
        network.initialize(
            model.getNDManager(),
            DataType.FLOAT32,
            new Shape(1, card.dimension()),
            new Shape(1),
            new Shape(1));
      } else {
        network.initialize(
            model.getNDManager(), DataType.FLOAT32, new Shape(1, card.dimension()), new Shape(1));
      }
      try (InputStream in = Files.newInputStream(params.toPath())) {
        network.loadParameters(model.getNDManager(), new DataInputStream(in));
      }
      if (EdmPreconditioning.of(config) != null) {
        model.setBlock(TrainingJob.exportedNetwork(config, network, card));
      }
      return new Restored(model, config, card);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new InvalidInputException(
          params + ": parameters do not fit the recorded network (" + e.getMessage() + ")", e);
    }
  }
}
