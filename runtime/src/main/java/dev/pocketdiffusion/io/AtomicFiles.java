package dev.pocketdiffusion.io;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see either the old file or the complete new one, never a partial
 * one: content goes to a temporary file beside the target, which is then moved into place.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes whatever it is given to a stream. */
  public interface StreamWriter {
    /** Writes the content. */
    void write(OutputStream out) throws IOException;
  }

  /** Writes {@code target} atomically; on failure the temporary file is removed and target untouched. */
  public static void write(File target, StreamWriter writer) throws IOException {
    File dir = target.getAbsoluteFile().getParentFile();
    if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
      throw new IOException("cannot create directory " + dir);
    }
    File tmp = File.createTempFile("." + target.getName() + ".", ".tmp", dir);
    boolean done = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp.toPath())) {
        writer.write(out);
      }
      try {
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp.toPath());
      }
    }
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(File target, String content) throws IOException {
    write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
