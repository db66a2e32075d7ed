package dev.pocketdiffusion.io;

import dev.pocketdiffusion.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of one command, written all or nothing and never over one of its inputs. Each output
 * is {@linkplain #add added} before any work is done: it is refused if it is the same file as an
 * input or another output (symlinks, {@code ./} and {@code ..} spellings and hard links included),
 * a directory or not a regular file, and a hidden temporary file is created beside it, so an
 * unwritable folder fails at once. The command then writes each staged file; {@link #commit} moves
 * them all into place ({@link AtomicFiles#move}) only once every one was written, and {@link
 * #close} removes whatever was not committed (also on Ctrl-C or SIGTERM, through a shutdown hook).
 *
 * <p>A refused output throws {@link IllegalArgumentException} (a bad flag value); an output that
 * cannot be written throws {@link InvalidInputException}; both messages are one line that names the
 * option and the path.
 */
public final class OutputSet implements AutoCloseable {
  /** Writes a staged file in whatever way the caller likes (a PNG encoder, a CSV writer). */
  public interface StagedWriter {
    /** Writes the complete content to {@code staged}. */
    void write(File staged) throws IOException;
  }

  private final Map<String, File> inputs = new LinkedHashMap<>();
  private final Map<File, Staged> outputs = new LinkedHashMap<>();
  private final List<File> createdDirs = new ArrayList<>();
  private final Thread cleanup = new Thread(this::discard, "output-cleanup");
  private boolean hooked;
  private boolean committed;

  private static final class Staged {
    final String option;
    final File target;
    final File temp;

    Staged(String option, File target, File temp) {
      this.option = option;
      this.target = target;
      this.temp = temp;
    }
  }

  /** Records an input that no output may replace; a null file is ignored. */
  public OutputSet input(String option, File file) {
    if (file != null) {
      inputs.put(option, file);
    }
    return this;
  }

  /**
   * Checks {@code target} against the inputs and the outputs added so far and stages it; a null
   * target is ignored. Returns the target.
   *
   * @throws IllegalArgumentException if it is empty or the same file as an input or another output
   * @throws InvalidInputException if it is a directory or device, or its folder cannot be written
   */
  public File add(String option, File target) {
    if (target == null) {
      return null;
    }
    if (target.getPath().isEmpty()) {
      throw new IllegalArgumentException(option + " is empty; give a file name");
    }
    for (Map.Entry<String, File> in : inputs.entrySet()) {
      if (sameFile(target, in.getValue())) {
        throw new IllegalArgumentException(
            option
                + " "
                + target
                + ": is the same file as "
                + in.getKey()
                + "; choose another output");
      }
    }
    for (Staged out : outputs.values()) {
      if (sameFile(target, out.target)) {
        throw new IllegalArgumentException(
            option
                + " "
                + target
                + ": is the same file as "
                + out.option
                + "; choose another output");
      }
    }
    if (target.isDirectory()) {
      throw new InvalidInputException(option + " " + target + ": is a directory; give a file name");
    }
    if (target.exists() && !target.isFile()) {
      throw new InvalidInputException(
          option + " " + target + ": is not a regular file (a device or pipe); give a file name");
    }
    File dir = target.getAbsoluteFile().getParentFile();
    try {
      makeDirs(dir);
      hook();
      File temp = File.createTempFile("." + target.getName() + ".", ".tmp", dir);
      outputs.put(target, new Staged(option, target, temp));
    } catch (IOException | SecurityException e) {
      throw new InvalidInputException(
          option + " " + target + ": cannot write there (" + reason(e) + ")", e);
    }
    return target;
  }

  /**
   * Writes the staged file of {@code target} (an output {@link #add added} before) with {@code
   * writer} and syncs it to the disk.
   *
   * @throws InvalidInputException naming the option and path if writing fails (disk full, …)
   */
  public void write(File target, StagedWriter writer) {
    Staged out = outputs.get(target);
    if (out == null) {
      throw new IllegalStateException(target + " was not added to the output set");
    }
    try {
      writer.write(out.temp);
      try (FileOutputStream sync = new FileOutputStream(out.temp, true)) {
        sync.getFD().sync();
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          out.option + " " + target + ": cannot write (" + reason(e) + ")", e);
    }
  }

  /**
   * Writes the staged file of {@code target} as a buffered stream, as {@link #write(File,
   * StagedWriter)} does.
   */
  public void writeStream(File target, AtomicFiles.StreamWriter writer) {
    write(
        target,
        staged -> {
          try (OutputStream out = new BufferedOutputStream(new FileOutputStream(staged), 1 << 16)) {
            writer.write(out);
          }
        });
  }

  /**
   * Moves every staged file into place; call once all were written.
   *
   * @throws InvalidInputException naming the path if a move fails
   */
  public void commit() {
    for (Staged out : outputs.values()) {
      try {
        AtomicFiles.move(out.temp, out.target);
      } catch (IOException e) {
        throw new InvalidInputException(
            out.option + " " + out.target + ": cannot write (" + reason(e) + ")", e);
      }
    }
    committed = true;
  }

  /** Removes the staged files and the folders made for them unless {@link #commit} succeeded. */
  @Override
  public void close() {
    if (hooked) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook itself cleans up
      }
      hooked = false;
    }
    discard();
  }

  private synchronized void discard() {
    if (!committed) {
      for (Staged out : outputs.values()) {
        out.temp.delete();
      }
      for (int i = createdDirs.size() - 1; i >= 0; i--) {
        createdDirs.get(i).delete();
      }
    }
    outputs.clear();
    createdDirs.clear();
  }

  private void hook() {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(cleanup);
      hooked = true;
    }
  }

  /** Creates {@code dir} and missing parents, remembering each one made (outermost first). */
  private void makeDirs(File dir) throws IOException {
    List<File> missing = new ArrayList<>();
    for (File d = dir; d != null && !d.exists(); d = d.getParentFile()) {
      missing.add(0, d);
    }
    for (File d : missing) {
      if (!d.mkdir() && !d.isDirectory()) {
        throw new IOException("cannot create folder " + d);
      }
      createdDirs.add(d);
    }
    if (!dir.isDirectory()) {
      throw new IOException(dir + " is not a folder");
    }
  }

  /**
   * True if {@code a} and {@code b} name the same file: equal real paths (for a file that does not
   * exist yet, its folder's real path and its name), or, for two existing files, the same file key
   * (hard links).
   */
  public static boolean sameFile(File a, File b) {
    Path pa = a.toPath();
    Path pb = b.toPath();
    try {
      if (Files.exists(pa) && Files.exists(pb) && Files.isSameFile(pa, pb)) {
        return true;
      }
    } catch (IOException e) {
      // fall back to comparing the spelled-out real paths
    }
    return canonical(a).equals(canonical(b));
  }

  /** The real path of {@code file}, or of its nearest existing folder followed by the rest. */
  private static Path canonical(File file) {
    Path path = file.toPath().toAbsolutePath();
    Path rest = null;
    for (Path p = path; p != null; p = p.getParent()) {
      try {
        Path real = p.toRealPath();
        return rest == null ? real : real.resolve(rest).normalize();
      } catch (IOException e) {
        Path name = p.getFileName();
        if (name == null) {
          break;
        }
        rest = rest == null ? name : name.resolve(rest);
      }
    }
    return path.normalize();
  }

  /** A short reason for an I/O failure, without repeating the path. */
  static String reason(Exception e) {
    if (e instanceof FileSystemException) {
      FileSystemException fs = (FileSystemException) e;
      if (fs.getReason() != null) {
        return fs.getReason();
      }
      String kind = e.getClass().getSimpleName().replace("Exception", "");
      return kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
