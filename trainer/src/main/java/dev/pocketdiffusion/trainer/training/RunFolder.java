package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A training run's output directory, owned by one trainer at a time: {@link #claim} takes an
 * operating-system lock on {@code DIR/.lock} (released when the run ends or the process dies; the
 * empty file stays), refuses to start a new run over a finished or interrupted one unless told to
 * overwrite it, and removes the hidden temporary files a killed process left behind.
 */
public final class RunFolder implements AutoCloseable {
  /** The lock file; while locked it names its holder. */
  public static final String LOCK = ".lock";

  /** Files a run writes; {@link Mode#OVERWRITE} removes them before the new run starts. */
  private static final String[] RUN_FILES = {
    "model.onnx",
    "metrics.json",
    "samples.csv",
    "samples.png",
    "loss.csv",
    "loss.png",
    "config.json"
  };

  private static final String CHECKPOINT = "checkpoint";

  /** What the run does with what the directory already holds. */
  public enum Mode {
    /** A new run: the directory must not hold a finished or interrupted run. */
    NEW,
    /** A new run that replaces whatever run the directory holds. */
    OVERWRITE,
    /** Continues the run the directory holds. */
    RESUME
  }

  private final File dir;
  private final FileChannel channel;
  private final FileLock lock;

  private RunFolder(File dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Checks, writing nothing, that a run in {@code mode} may use {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} is a file, or holds a run that {@link Mode#NEW}
   *     would replace; the message says how to overwrite or resume
   */
  public static void check(File dir, Mode mode) {
    if (dir.exists() && !dir.isDirectory()) {
      throw new IllegalArgumentException(
          dir + ": --out exists and is not a directory; choose another --out");
    }
    if (mode != Mode.NEW) {
      return;
    }
    for (String finished : new String[] {"model.onnx", "metrics.json"}) {
      if (new File(dir, finished).exists()) {
        throw new IllegalArgumentException(
            dir
                + " holds a finished run ("
                + finished
                + "); pass --overwrite to replace it, or choose another --out");
      }
    }
    if (new File(new File(dir, CHECKPOINT), Checkpoints.META).exists()) {
      throw new IllegalArgumentException(
          dir
              + " holds an interrupted run (checkpoint/); continue it with --resume, or pass"
              + " --overwrite to replace it");
    }
  }

  /**
   * Creates {@code dir} if needed, locks it, checks it as {@link #check} does and, for {@link
   * Mode#OVERWRITE}, removes the previous run's files.
   *
   * @throws InvalidInputException if another trainer holds the lock (naming it) or the directory
   *     cannot be created or locked (naming the path)
   * @throws IllegalArgumentException as {@link #check}
   */
  public static RunFolder claim(File dir, Mode mode) throws IOException {
    check(dir, mode);
    if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
      throw new InvalidInputException(
          dir + ": cannot create the output directory (check the path and its permissions)");
    }
    File lockFile = new File(dir, LOCK);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              lockFile.toPath(),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new InvalidInputException(
          lockFile + ": cannot open the run's lock file (" + e + ")", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process (another job in the same JVM)
    } catch (IOException e) {
      channel.close();
      throw new InvalidInputException(lockFile + ": cannot lock (" + e.getMessage() + ")", e);
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new InvalidInputException(
          dir
              + " is in use by another trainer ("
              + holder
              + "); wait for it to end, or choose another --out");
    }
    RunFolder folder = new RunFolder(dir, channel, lock);
    try {
      check(dir, mode); // again, now that no other trainer can change it
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(whoAmI().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      folder.removeTemporaries();
      if (mode == Mode.OVERWRITE) {
        folder.removePreviousRun();
      }
      return folder;
    } catch (IOException | RuntimeException e) {
      folder.close();
      throw e instanceof IOException
          ? new InvalidInputException(dir + ": cannot prepare the run folder (" + e + ")", e)
          : (RuntimeException) e;
    }
  }

  /** The directory. */
  public File dir() {
    return dir;
  }

  /**
   * Removes the hidden temporary files ({@code .NAME.*.tmp}) of writes that never finished, in the
   * directory and its checkpoint; called at the start of a run and when the process is stopped.
   */
  public void removeTemporaries() {
    for (File d : new File[] {dir, new File(dir, CHECKPOINT)}) {
      try {
        Checkpoints.deleteLeftoverTemporaries(d);
      } catch (IOException e) {
        // best effort: the next start tries again
      }
    }
  }

  private void removePreviousRun() throws IOException {
    for (String name : RUN_FILES) {
      Files.deleteIfExists(new File(dir, name).toPath());
    }
    File checkpoint = new File(dir, CHECKPOINT);
    File[] files = checkpoint.listFiles();
    for (File f : files == null ? new File[0] : files) {
      if (f.isFile()) {
        Files.delete(f.toPath());
      }
    }
  }

  /** Who holds the lock, as its holder recorded it (shortened, one line). */
  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(200);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      text = text.replaceAll("\\p{Cntrl}", " ").trim();
      return text.isEmpty() ? "holder unknown" : text;
    } catch (IOException e) {
      return "holder unknown";
    }
  }

  private static String whoAmI() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return "pid "
        + ProcessHandle.current().pid()
        + " on "
        + host
        + ", since "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Releases the lock; the lock file stays, emptied. */
  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        channel.truncate(0);
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
