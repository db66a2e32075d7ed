package dev.pocketdiffusion.trainer.zoo;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.io.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code models/zoo.json}: the measured results of every zoo model, the source of the zoo's table.
 */
public final class ZooIndex {
  /** The results, in {@code zoo.tsv}'s order. */
  public List<ZooResult> models = new ArrayList<>();

  /** The result for {@code name}, or null. */
  public ZooResult find(String name) {
    for (ZooResult r : models) {
      if (r.name.equals(name)) {
        return r;
      }
    }
    return null;
  }

  /** Replaces or appends {@code result}, keeping the order of {@code order}. */
  public void put(ZooResult result, List<ZooEntry> order) {
    models.removeIf(r -> r.name.equals(result.name));
    models.add(result);
    List<ZooResult> sorted = new ArrayList<>();
    for (ZooEntry e : order) {
      ZooResult r = find(e.name());
      if (r != null) {
        sorted.add(r);
      }
    }
    models = sorted;
  }

  /** Reads {@code file}; an absent file is an empty index. */
  public static ZooIndex read(File file) {
    if (!file.isFile()) {
      return new ZooIndex();
    }
    try {
      String text = new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
      return Json.read(JsonParser.parseString(text), ZooIndex.class);
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new InvalidInputException(
          file + ": cannot read the zoo index (" + e.getMessage() + ")", e);
    }
  }

  /** Writes the index to {@code file} atomically. */
  void write(File file) throws IOException {
    AtomicFiles.writeString(file, Json.write(this));
  }
}
