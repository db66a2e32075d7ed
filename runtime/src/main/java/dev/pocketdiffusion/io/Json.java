package dev.pocketdiffusion.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The JSON style of all the toolkit writes (command output, metrics, configs): pretty-printed, NaN
 * and ∞ allowed.
 */
public final class Json {
  private static final Gson GSON =
      new GsonBuilder()
          .setPrettyPrinting()
          .serializeSpecialFloatingPointValues()
          .disableHtmlEscaping()
          .create();

  private Json() {}

  /** Reads a JSON tree back into {@code type}. */
  public static <T> T read(com.google.gson.JsonElement json, Class<T> type) {
    return GSON.fromJson(json, type);
  }

  /** {@code value} as pretty-printed JSON. */
  public static String write(Object value) {
    return GSON.toJson(value);
  }
}
