package dev.pocketdiffusion.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OutputSet}: outputs appear together or not at all, and never over an input. */
class OutputSetTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  private static void text(File file, String content) throws IOException {
    Files.write(file.toPath(), content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void allOutputsAppearOnCommitAndNotBefore() throws IOException {
    File a = dir.resolve("a.csv").toFile();
    File b = dir.resolve("sub/b.png").toFile();
    text(a, "old");
    try (OutputSet outputs = new OutputSet()) {
      outputs.add("--out", a);
      outputs.add("--plot", b);
      outputs.writeStream(a, out -> out.write("new a".getBytes(StandardCharsets.UTF_8)));
      outputs.write(b, staged -> text(staged, "new b"));
      assertEquals("old", Files.readString(a.toPath()), "nothing replaced before the commit");
      assertFalse(b.exists());
      outputs.commit();
    }
    assertEquals("new a", Files.readString(a.toPath()));
    assertEquals("new b", Files.readString(b.toPath()));
    assertEquals(List.of("", "a.csv", "sub", "sub/b.png"), names());
  }

  @Test
  void aFailedWriteNamesThePathAndLeavesNothing() throws IOException {
    File a = dir.resolve("a.csv").toFile();
    File b = dir.resolve("new/deeper/b.png").toFile();
    InvalidInputException e;
    try (OutputSet outputs = new OutputSet()) {
      outputs.add("--out", a);
      outputs.add("--plot", b);
      outputs.writeStream(a, out -> out.write(1));
      e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  outputs.write(
                      b,
                      staged -> {
                        text(staged, "half");
                        throw new IOException("No space left on device");
                      }));
    }
    assertEquals("--plot " + b + ": cannot write (No space left on device)", e.getMessage());
    assertEquals(List.of(""), names(), "no output, temporary file or made folder is left");
  }

  @Test
  void sameFileSeesThroughSpellingsAndLinks() throws IOException {
    File model = dir.resolve("m.onnx").toFile();
    text(model, "model");
    Files.createDirectory(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("link.onnx"), model.toPath());
    Files.createSymbolicLink(dir.resolve("linked-dir"), dir.resolve("sub"));
    Files.createLink(dir.resolve("hard.onnx"), model.toPath());
    assertTrue(OutputSet.sameFile(dir.resolve("sub/../m.onnx").toFile(), model));
    assertTrue(OutputSet.sameFile(dir.resolve("./link.onnx").toFile(), model));
    assertTrue(OutputSet.sameFile(dir.resolve("hard.onnx").toFile(), model));
    assertTrue(OutputSet.sameFile(dir.resolve("missing/../m.onnx").toFile(), model));
    assertTrue(
        OutputSet.sameFile(
            dir.resolve("linked-dir/new.csv").toFile(), dir.resolve("sub/new.csv").toFile()));
    assertFalse(OutputSet.sameFile(dir.resolve("m.onnx.csv").toFile(), model));
    assertFalse(OutputSet.sameFile(dir.resolve("sub/m.onnx").toFile(), model));
  }

  @Test
  void anOutputOverAnInputIsRefusedBeforeAnythingIsMade() throws IOException {
    File model = dir.resolve("m.onnx").toFile();
    text(model, "model");
    try (OutputSet outputs = new OutputSet()) {
      outputs.input("--model", model).input("--real", null);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> outputs.add("--out", dir.resolve("x/../m.onnx").toFile()));
      assertEquals(
          "--out "
              + dir.resolve("x/../m.onnx")
              + ": is the same file as --model; choose another"
              + " output",
          e.getMessage());
    }
    assertEquals(List.of("", "m.onnx"), names());
    assertEquals("model", Files.readString(model.toPath()));
  }
}
