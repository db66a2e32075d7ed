package dev.pocketdiffusion;

import java.util.Locale;

/** Command-line and model-card names of enum constants: the constant's name in lower case. */
public final class CliNames {
  private CliNames() {}

  /** The name of {@code value}, e.g. {@code EPSILON → epsilon}. */
  public static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} called {@code name}.
   *
   * @param what what the value is, for the message, e.g. "prediction"
   * @throws IllegalArgumentException naming the choices
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
    StringBuilder choices = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(name)) {
        return e;
      }
      choices.append(choices.length() == 0 ? "" : ", ").append(of(e));
    }
    throw new IllegalArgumentException(
        "unknown " + what + " '" + name + "' (choose one of: " + choices + ")");
  }
}
