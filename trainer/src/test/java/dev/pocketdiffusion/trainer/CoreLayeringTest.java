package dev.pocketdiffusion.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The trainer's core (datasets, blocks, training, zoo) knows no command line: none of its sources
 * names a command-line, plotting or benchmark package (the runtime's cli, plots and bench, the
 * trainer's own cli and bench) or picocli and XChart, in an import or anywhere else.
 */
class CoreLayeringTest {
  private static final Path SOURCES = Paths.get("src/main/java/dev/pocketdiffusion/trainer");
  private static final String[] CORE = {"datasets", "blocks", "training", "zoo"};
  private static final Pattern DESKTOP =
      Pattern.compile(
          "\\b(dev\\.pocketdiffusion\\.(cli|plots|bench|trainer\\.cli|trainer\\.bench)|picocli|org\\.knowm\\.xchart)\\.[A-Za-z]");

  /**
   * Each line of the Java files under {@code dir} that names a desktop package, as {@code
   * File.java:N: line}.
   */
  private static List<String> desktopReferences(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = DESKTOP.matcher(lines.get(i));
          if (m.find()) {
            found.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    return found;
  }

  @Test
  void coreSourcesNameNoCommandLinePlotOrBenchPackage() throws IOException {
    for (String pkg : CORE) {
      Path dir = SOURCES.resolve(pkg);
      try (Stream<Path> files = Files.list(dir)) {
        assertTrue(
            files.anyMatch(f -> f.toString().endsWith(".java")),
            "no sources found in " + dir.toAbsolutePath());
      }
      assertEquals(List.of(), desktopReferences(dir), pkg + " must not depend on the command line");
    }
  }

  @Test
  void theCheckFindsTheCommandLinesOwnImports() throws IOException {
    List<String> cli = desktopReferences(SOURCES.resolve("cli"));
    assertTrue(
        cli.contains("TrainCommand.java:3: import dev.pocketdiffusion.cli.CliRunner;"),
        String.join("\n", cli));
    assertTrue(
        cli.stream().anyMatch(line -> line.contains("import picocli.CommandLine")),
        String.join("\n", cli));
  }
}
