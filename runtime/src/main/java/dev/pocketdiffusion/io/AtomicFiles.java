package dev.pocketdiffusion.io;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers see either the old file or the complete new one, never a partial
 * one: content goes to a temporary file beside the target, is flushed to the disk (fsync), and is
 * then renamed into place; the directory is synced too, so the rename survives a power cut. A
 * process killed mid-write leaves at most a hidden {@code .NAME.*.tmp} file, never a torn target.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes whatever it is given to a stream. */
  public interface StreamWriter {
    /** Writes the content. */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically; on failure the temporary file is removed and target
   * untouched.
   */
  public static void write(File target, StreamWriter writer) throws IOException {
    File dir = target.getAbsoluteFile().getParentFile();
    if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
      throw new IOException("cannot create directory " + dir);
    }
    File tmp = File.createTempFile("." + target.getName() + ".", ".tmp", dir);
    boolean done = false;
    try {
      try (FileOutputStream file = new FileOutputStream(tmp)) {
        BufferedOutputStream out = new BufferedOutputStream(file, 1 << 16);
        writer.write(new KeepOpen(out));
        out.flush();
        file.getFD().sync();
      }
      move(tmp, target);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp.toPath());
      }
    }
  }

  /**
   * Passes writes through but only flushes on close, so the file can still be synced after the
   * writer is done.
   */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(File target, String content) throws IOException {
    write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Renames {@code from} to {@code to}, replacing it in one step where the file system allows, and
   * syncs the directory so the rename is durable.
   */
  public static void move(File from, File to) throws IOException {
    try {
      Files.move(
          from.toPath(),
          to.toPath(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from.toPath(), to.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
    File dir = to.getAbsoluteFile().getParentFile();
    try (FileChannel channel = FileChannel.open(dir.toPath(), StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some platforms (Windows) cannot open or sync a directory; the rename itself is done
    }
  }
}
