package dev.pocketdiffusion.trainer.zoo;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code models/zoo.tsv}: one {@link ZooEntry} per line; blank lines and {@code #} comments
 * are skipped. A student's teacher must be listed on an earlier line, so that a full {@code trainer
 * zoo} makes every teacher before its students (which rules out cycles).
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
    List<ZooEntry> parsed = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.trim().isEmpty() || line.trim().startsWith("#")) {
        continue;
      }
      try {
        parsed.add(ZooEntry.parse(line));
        lineNumbers.add(i + 1);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    Map<String, ZooEntry> earlier = new HashMap<>();
    List<ZooEntry> entries = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      try {
        ZooEntry entry = resolve(parsed.get(i), earlier, parsed);
        earlier.put(entry.name(), entry);
        entries.add(entry);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file + ":" + lineNumbers.get(i) + ": " + e.getMessage());
      }
    }
    if (entries.isEmpty()) {
      throw new InvalidInputException(file + ": lists no models");
    }
    return entries;
  }

  /** {@code entry} with its teacher from {@code earlier}; {@code all} names the later ones. */
  private static ZooEntry resolve(
      ZooEntry entry, Map<String, ZooEntry> earlier, List<ZooEntry> all) {
    if (earlier.containsKey(entry.name())) {
      throw new IllegalArgumentException(entry.name() + " is listed twice");
    }
    String teacher = entry.teacherName();
    if (teacher == null) {
      return entry;
    }
    if (teacher.equals(entry.name())) {
      throw new IllegalArgumentException(entry.name() + " names itself as its teacher");
    }
    if (earlier.containsKey(teacher)) {
      return entry.withTeacher(earlier.get(teacher));
    }
    for (ZooEntry e : all) {
      if (e.name().equals(teacher)) {
        throw new IllegalArgumentException(
            entry.name()
                + "'s teacher "
                + teacher
                + " is listed after it: list every teacher before its students");
      }
    }
    throw new IllegalArgumentException(
        entry.name()
            + "'s teacher models/"
            + teacher
            + ".onnx is not a zoo model (no line "
            + teacher
            + ")");
  }
}
