package dev.pocketdiffusion;

/**
 * A problem with what the user supplied (a file, a flag, a model) rather than a bug. Its message is
 * one line that names the input and says how to fix it; command-line tools print just that line.
 * Line breaks, control characters and invisible ones (a byte order mark, a zero-width space) that
 * the input itself brought into the message (a quoted value, a parser's detail) are shown escaped,
 * so the message stays one readable line.
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

  /** Longest part of a user's value that {@link #quote} shows. */
  public static final int QUOTE_LIMIT = 40;

  /**
   * {@code value} in single quotes for a message: at most {@link #QUOTE_LIMIT} characters of it,
   * then "…" and its full length, so a 10 MB cell does not become a 10 MB message.
   */
  public static String quote(String value) {
    if (value.length() <= QUOTE_LIMIT) {
      return "'" + value + "'";
    }
    int end = QUOTE_LIMIT;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return "'" + value.substring(0, end) + "…' (" + value.length() + " characters)";
  }

  /**
   * The message with every character one cannot see or that breaks the line escaped (a backslash
   * and n, r, t, or u and four hex digits): control characters, format characters (the BOM U+FEFF,
   * zero-width and direction marks), line and paragraph separators, unpaired surrogates and
   * unassigned code points.
   */
  private static String oneLine(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); ) {
      int c = message.codePointAt(i);
      int count = Character.charCount(c);
      if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (invisible(c)) {
        for (int k = i; k < i + count; k++) {
          sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) message.charAt(k)));
        }
      } else {
        sb.appendCodePoint(c);
      }
      i += count;
    }
    return sb.toString();
  }

  private static boolean invisible(int c) {
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
      case Character.PRIVATE_USE:
        return true;
      default:
        return false;
    }
  }
}
