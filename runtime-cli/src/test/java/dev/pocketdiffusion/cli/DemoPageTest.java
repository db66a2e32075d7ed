package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.pocketdiffusion.Points;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser demo ({@code docs/demo}) in headless Chromium emulating a phone (390×844, mobile,
 * touch; {@link HeadlessChromium}): served by a local HTTP server, it samples the moons model once,
 * and the points it drew must equal the Java runtime's samples from the same noise ({@link
 * BakedReference}) to 1e-3. With {@code -Ddemo.screenshot=true} it also saves {@code
 * docs/demo/screenshot.png}. Skipped, in one line, where Debian's {@code chromium} is not installed
 * ({@code .ci/run} installs it when root).
 */
class DemoPageTest {
  /** The demo model the test samples: a name in {@code docs/demo/models/index.json}. */
  static final String MODEL = "moons";

  private static final int POINTS = 300;
  private static final int SEED = 7;
  private static final double TOLERANCE = 1e-3;
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript",
          "mjs", "text/javascript",
          "css", "text/css",
          "json", "application/json",
          "wasm", "application/wasm",
          "onnx", "application/octet-stream",
          "png", "image/png");

  @TempDir Path dir;

  /** Serves {@code root} read-only on a free loopback port; never outside {@code root}. */
  static HttpServer serve(File root) throws IOException {
    Path base = root.toPath().toAbsolutePath().normalize();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          Path file = base.resolve(path.substring(1)).normalize();
          if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
          }
          if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          String name = file.getFileName().toString();
          String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
          exchange
              .getResponseHeaders()
              .set("Content-Type", type == null ? "application/octet-stream" : type);
          byte[] body = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static Points points(JsonArray rows) {
    int n = rows.size();
    int d = rows.get(0).getAsJsonArray().size();
    double[] data = new double[n * d];
    for (int i = 0; i < n; i++) {
      JsonArray row = rows.get(i).getAsJsonArray();
      assertEquals(d, row.size(), "row " + i);
      for (int j = 0; j < d; j++) {
        data[i * d + j] = row.get(j).getAsDouble();
      }
    }
    return new Points(n, d, data);
  }

  @Test
  void thePhonePageDrawsTheRuntimesSamples() throws Exception {
    File chromium = HeadlessChromium.find();
    assumeTrue(
        chromium != null, "skipped: no chromium on the PATH (Debian: apt-get install chromium)");
    HttpServer server = serve(BakedReference.DEMO);
    try (HeadlessChromium phone = new HeadlessChromium(chromium, dir.resolve("profile"))) {
      phone.open(
          "http://127.0.0.1:"
              + server.getAddress().getPort()
              + "/index.html?model="
              + MODEL
              + "&seed="
              + SEED
              + "&n="
              + POINTS
              + "&run=1");
      String json = phone.await("(document.getElementById('result') || {}).textContent || ''", 30);
      assertEquals(HeadlessChromium.WIDTH, phone.evaluate("innerWidth").getAsInt());
      assertTrue(phone.evaluate("navigator.maxTouchPoints").getAsInt() > 0, "no touch");
      JsonObject result = JsonParser.parseString(json).getAsJsonObject();
      assertFalse(result.has("error"), () -> "the page failed: " + result.get("error"));
      assertEquals(MODEL, result.get("model").getAsString());
      assertEquals(1, result.get("calls").getAsInt());
      Points noise = points(result.getAsJsonArray("noise"));
      Points drawn = points(result.getAsJsonArray("samples"));
      assertEquals(POINTS, noise.size());
      File baked =
          new File(new File(BakedReference.DEMO, "models"), result.get("file").getAsString());
      Points expected = BakedReference.samples(baked, noise, -1, Double.NaN, dir);
      double diff = BakedReference.maxAbsDiff(drawn, expected);
      assertTrue(diff <= TOLERANCE, "max |page - runtime| = " + diff);
      assertTrue(BakedReference.maxAbsDiff(drawn, noise) > 0.1, "the page drew its noise");
      if (Boolean.getBoolean("demo.screenshot")) {
        Path png = dir.resolve("screenshot.png");
        Files.write(png, phone.screenshot());
        Files.move(
            png,
            new File(BakedReference.DEMO, "screenshot.png").toPath(),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      server.stop(0);
    }
  }
}
