package dev.pocketdiffusion.trainer.zoo;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code models/zoo.tsv}: one {@link ZooEntry} per line; blank lines and {@code #} comments
 * are skipped.
 */
public final class ZooSpec {
  private ZooSpec() {}

  /**
   * The entries of {@code file}, in order.
   *
   * @throws InvalidInputException naming the file, line and problem
   */
  public static List<ZooEntry> read(File file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(
          file + ": cannot read the zoo list (" + e.getMessage() + ")", e);
    }
    List<ZooEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.trim().isEmpty() || line.trim().startsWith("#")) {
        continue;
      }
      try {
        entries.add(ZooEntry.parse(line));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    if (entries.isEmpty()) {
      throw new InvalidInputException(file + ": lists no models");
    }
    return entries;
  }
}
