package dev.pocketdiffusion;

/**
 * A problem with what the user supplied (a file, a flag, a model) rather than a bug. Its message is
 * one line that names the input and says how to fix it; command-line tools print just that line.
 * Line breaks and other control characters that the input itself brought into the message (a quoted
 * value, a parser's detail) are shown escaped, so the message stays one line.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public InvalidInputException(String message) {
    super(oneLine(message));
  }

  /** Creates the exception with a one-line message and the underlying cause. */
  public InvalidInputException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (Character.isISOControl(c) && c != '\t') {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
