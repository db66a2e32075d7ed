package dev.pocketdiffusion.android;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a whole stream with a plain loop ({@code InputStream.readAllBytes} is API 33 on Android).
 */
final class Streams {
  private Streams() {}

  /** All remaining bytes of {@code in}; closes it. */
  static byte[] readAll(InputStream in) throws IOException {
    try (InputStream stream = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = stream.read(buffer)) != -1) {
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    }
  }
}
