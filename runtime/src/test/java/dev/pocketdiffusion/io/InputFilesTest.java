package dev.pocketdiffusion.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths that are not readable regular files are called what they are. */
class InputFilesTest {
  @TempDir Path dir;

  @Test
  void readsUpToTheLimitAndRefusesMore() throws IOException {
    File file = dir.resolve("m.onnx").toFile();
    Files.write(file.toPath(), new byte[20]);
    assertArrayEquals(new byte[20], InputFiles.readAll(file, "model file", 20));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> InputFiles.readAll(file, "model file", 19));
    assertEquals(file + ": model file is larger than the limit of 19 bytes", e.getMessage());
  }

  @Test
  void namesWhatIsWrongWithThePath() throws IOException {
    File missing = dir.resolve("none.onnx").toFile();
    assertEquals(
        missing + ": model file not found",
        assertThrows(
                InvalidInputException.class, () -> InputFiles.checkReadable(missing, "model file"))
            .getMessage());
    File dangling = dir.resolve("link.onnx").toFile();
    Files.createSymbolicLink(dangling.toPath(), missing.toPath());
    assertEquals(
        dangling + ": model file not found (a symbolic link to nothing)",
        assertThrows(
                InvalidInputException.class, () -> InputFiles.checkReadable(dangling, "model file"))
            .getMessage());
    assertEquals(
        "/dev/zero: is not a regular file (a FIFO, device or socket), expected a file",
        assertThrows(
                InvalidInputException.class,
                () -> InputFiles.checkReadable(new File("/dev/zero"), "file"))
            .getMessage());
  }
}
