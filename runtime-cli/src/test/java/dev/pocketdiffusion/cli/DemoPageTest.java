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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser demo ({@code docs/demo}) in headless Chromium at a phone's viewport: served by a
 * local HTTP server, it samples the moons model once, and the points it drew must equal the Java
 * runtime's samples from the same noise ({@link BakedReference}) to 1e-3. With {@code
 * -Ddemo.screenshot=true} it also saves {@code docs/demo/screenshot.png}. Skipped, in one line,
 * where Debian's {@code chromium} is not installed ({@code .ci/run} installs it when root).
 */
class DemoPageTest {
  /** The demo model the test samples: a name in {@code docs/demo/models/index.json}. */
  static final String MODEL = "moons";

  private static final int POINTS = 300;
  private static final int SEED = 7;
  private static final double TOLERANCE = 1e-3;
  private static final Pattern RESULT =
      Pattern.compile("<pre id=\"result\" hidden=\"\">(.*?)</pre>", Pattern.DOTALL);
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

  /** Debian's {@code chromium} on the PATH, or null. */
  static File chromium() {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(folder, "chromium");
      if (candidate.canExecute()) {
        return candidate;
      }
    }
    return null;
  }

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

  /** Runs headless Chromium at 390×844 with touch on {@code url}; returns its stdout. */
  private String chromium(File chromium, String url, String... extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            chromium.getPath(),
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=390,844",
            "--touch-events=enabled",
            "--hide-scrollbars",
            "--no-first-run",
            "--user-data-dir=" + dir.resolve("profile"),
            "--virtual-time-budget=15000"));
    command.addAll(List.of(extra));
    command.add(url);
    File log = dir.resolve("chromium.log").toFile();
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log)).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium ran over 60 s on " + url);
    }
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(log));
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String readQuietly(File file) {
    try {
      return Files.readString(file.toPath());
    } catch (IOException e) {
      return e.toString();
    }
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
    File chromium = chromium();
    assumeTrue(
        chromium != null, "skipped: no chromium on the PATH (Debian: apt-get install chromium)");
    HttpServer server = serve(BakedReference.DEMO);
    try {
      String url =
          "http://127.0.0.1:"
              + server.getAddress().getPort()
              + "/index.html?model="
              + MODEL
              + "&seed="
              + SEED
              + "&n="
              + POINTS
              + "&run=1";
      String dom = chromium(chromium, url, "--dump-dom");
      Matcher m = RESULT.matcher(dom);
      assertTrue(m.find(), () -> "no #result in the page:\n" + dom);
      String json =
          m.group(1)
              .replace("&quot;", "\"")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&amp;", "&");
      assertFalse(json.isEmpty(), () -> "the page did not run: " + dom);
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
        File png = dir.resolve("screenshot.png").toFile();
        chromium(chromium, url, "--screenshot=" + png);
        assertTrue(png.length() > 0, "no screenshot written");
        Files.move(
            png.toPath(),
            new File(BakedReference.DEMO, "screenshot.png").toPath(),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      server.stop(0);
    }
  }
}
