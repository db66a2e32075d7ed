package dev.pocketdiffusion;

/**
 * A problem with what the user supplied (a file, a flag, a model) rather than a bug. Its message is
 * one line that names the input and says how to fix it; command-line tools print just that line.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public InvalidInputException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message and the underlying cause. */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
