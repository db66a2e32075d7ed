package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.IOException;

/**
 * The one-line error for an output that could not be written (permission denied, read-only or full
 * disk, a path under {@code /proc}): it names the path the user gave and the system's reason.
 */
public final class WriteFailure {
  private WriteFailure() {}

  /** The error for {@code target}, which failed to be written with {@code cause}. */
  public static InvalidInputException of(File target, IOException cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new InvalidInputException(
        target + ": cannot write (" + reason + "); check the path, its permissions and free space",
        cause);
  }
}
