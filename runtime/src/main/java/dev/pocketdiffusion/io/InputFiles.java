package dev.pocketdiffusion.io;

import dev.pocketdiffusion.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a file the user named before anything opens it, so every refusal says what the path is:
 * not found, a directory, not a regular file (a FIFO, which would block a reader, a device or a
 * socket), or not readable. {@link #failure} turns an I/O error met later into the same one-line
 * form.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Refuses {@code file} unless it is a readable regular file; {@code what} names it in the message
   * ("model file", "file").
   *
   * @throws InvalidInputException naming the path and what is wrong with it
   */
  public static void checkReadable(File file, String what) {
    Path path = file.toPath();
    if (!Files.exists(path)) {
      boolean dangling = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
      throw new InvalidInputException(
          file + ": " + what + " not found" + (dangling ? " (a symbolic link to nothing)" : ""));
    }
    if (Files.isDirectory(path)) {
      throw new InvalidInputException(file + ": is a directory, expected a " + what);
    }
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(
          file + ": is not a regular file (a FIFO, device or socket), expected a " + what);
    }
    if (!Files.isReadable(path)) {
      throw new InvalidInputException(file + ": permission denied");
    }
  }

  /**
   * Reads a whole file after {@link #checkReadable}, refusing one of more than {@code maxBytes}
   * bytes before reading past that limit (a file under /proc may claim size 0 and hold more).
   *
   * @throws InvalidInputException naming the path and the problem
   */
  public static byte[] readAll(File file, String what, long maxBytes) {
    checkReadable(file, what);
    try (InputStream in = Files.newInputStream(file.toPath())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new InvalidInputException(
              file + ": " + what + " is larger than the limit of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** An I/O error on {@code file} as a one-line {@link InvalidInputException} naming the path. */
  public static InvalidInputException failure(File file, IOException e) {
    String problem;
    if (e instanceof AccessDeniedException) {
      problem = "permission denied";
    } else if (e instanceof NoSuchFileException) {
      problem = "not found";
    } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      problem = "cannot read (" + ((FileSystemException) e).getReason() + ")";
    } else {
      problem = "cannot read (" + e.getMessage() + ")";
    }
    return new InvalidInputException(file + ": " + problem, e);
  }
}
