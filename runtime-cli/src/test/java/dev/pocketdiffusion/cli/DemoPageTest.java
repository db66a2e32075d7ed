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
 * touch; {@link HeadlessChromium}): served by a local HTTP server, it samples the moons model, then
 * the class-conditional squares model with a class and guidance 2.5, and the points it drew must
 * equal the Java runtime's samples from the same noise, label and guidance ({@link BakedReference})
 * to 1e-3. With {@code -Ddemo.screenshot=true} it also saves {@code docs/demo/screenshot.png}.
 * Skipped, in one line, where Debian's {@code chromium} is not installed ({@code .ci/run} installs
 * it when root).
 */
class DemoPageTest {
  /** The demo model the test samples: a name in {@code docs/demo/models/index.json}. */
  static final String MODEL = "moons";

  /** The conditional demo model the test samples with a class and a guidance scale. */
  static final String CONDITIONAL = "squares";

  private static final int CLASS = 2;
  private static final double GUIDANCE = 2.5;

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

  /**
   * Opens the page with {@code query}, lets it sample once and checks its points against the
   * runtime's samples from the page's own noise, label and guidance.
   */
  private void checkPageAgainstRuntime(
      HeadlessChromium phone, int port, String model, String query, int label, double guidance)
      throws Exception {
    phone.open(
        "http://127.0.0.1:"
            + port
            + "/index.html?model="
            + model
            + "&seed="
            + SEED
            + "&n="
            + POINTS
            + query
            + "&run=1");
    String json = phone.await("(document.getElementById('result') || {}).textContent || ''", 30);
    JsonObject result = JsonParser.parseString(json).getAsJsonObject();
    assertFalse(result.has("error"), () -> "the page failed: " + result.get("error"));
    assertEquals(model, result.get("model").getAsString());
    assertEquals(1, result.get("calls").getAsInt());
    if (label >= 0) {
      assertEquals(guidance, result.get("guidance").getAsDouble(), 1e-9);
      for (var l : result.getAsJsonArray("label")) {
        assertEquals(label, l.getAsInt(), "the page sampled another class");
      }
    }
    Points noise = points(result.getAsJsonArray("noise"));
    Points drawn = points(result.getAsJsonArray("samples"));
    assertEquals(POINTS, noise.size());
    File baked =
        new File(new File(BakedReference.DEMO, "models"), result.get("file").getAsString());
    Points expected = BakedReference.samples(baked, noise, label, guidance, dir);
    double diff = BakedReference.maxAbsDiff(drawn, expected);
    assertTrue(diff <= TOLERANCE, model + ": max |page - runtime| = " + diff);
    assertTrue(BakedReference.maxAbsDiff(drawn, noise) > 0.1, model + ": the page drew its noise");
  }

  @Test
  void thePhonePageDrawsTheRuntimesSamples() throws Exception {
    File chromium = HeadlessChromium.find();
    assumeTrue(
        chromium != null, "skipped: no chromium on the PATH (Debian: apt-get install chromium)");
    HttpServer server = serve(BakedReference.DEMO);
    int port = server.getAddress().getPort();
    try (HeadlessChromium phone = new HeadlessChromium(chromium, dir.resolve("profile"))) {
      checkPageAgainstRuntime(phone, port, MODEL, "", -1, Double.NaN);
      assertEquals(HeadlessChromium.WIDTH, phone.evaluate("innerWidth").getAsInt());
      assertTrue(phone.evaluate("navigator.maxTouchPoints").getAsInt() > 0, "no touch");
      if (Boolean.getBoolean("demo.screenshot")) {
        Path png = dir.resolve("screenshot.png");
        Files.write(png, phone.screenshot());
        Files.move(
            png,
            new File(BakedReference.DEMO, "screenshot.png").toPath(),
            StandardCopyOption.REPLACE_EXISTING);
      }
      // a conditional model: the page feeds label and guidance as the runtime's --class/--guidance
      checkPageAgainstRuntime(
          phone, port, CONDITIONAL, "&class=" + CLASS + "&guidance=" + GUIDANCE, CLASS, GUIDANCE);
    } finally {
      server.stop(0);
    }
  }
}
