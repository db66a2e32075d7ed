package dev.pocketdiffusion.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless {@code chromium} driven over the DevTools protocol (the JDK's WebSocket client,
 * no extra dependency), emulating a phone: a 390×844 mobile viewport with touch. Command-line flags
 * alone cannot do that: headless windows are at least 500 px wide.
 */
final class HeadlessChromium implements AutoCloseable {
  /** The emulated phone viewport in CSS pixels. */
  static final int WIDTH = 390;

  static final int HEIGHT = 844;

  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

  /** Debian's {@code chromium} on the PATH, or null. */
  static File find() {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(folder, "chromium");
      if (candidate.canExecute()) {
        return candidate;
      }
    }
    return null;
  }

  /** Starts {@code chromium} with its profile in {@code profile} and opens its first tab. */
  HeadlessChromium(File chromium, Path profile) throws Exception {
    process =
        new ProcessBuilder(
                chromium.getPath(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling("chromium.log").toFile())
            .start();
    try {
      socket = connect(profile);
      call(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
      call("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private WebSocket connect(Path profile) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException(
            "chromium did not start its DevTools server: "
                + Files.readString(profile.resolveSibling("chromium.log")));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String list =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String page = null;
    for (JsonElement target : JsonParser.parseString(list).getAsJsonArray()) {
      JsonObject t = target.getAsJsonObject();
      if ("page".equals(t.get("type").getAsString())) {
        page = t.get("webSocketDebuggerUrl").getAsString();
      }
    }
    if (page == null) {
      throw new IOException("chromium has no page target: " + list);
    }
    return http.newWebSocketBuilder()
        .buildAsync(URI.create(page), new Listener())
        .get(STARTUP.toSeconds(), TimeUnit.SECONDS);
  }

  /** Collects a message's frames and completes the call it answers. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        JsonObject json = JsonParser.parseString(message.toString()).getAsJsonObject();
        message.setLength(0);
        if (json.has("id")) {
          CompletableFuture<JsonObject> call = pending.remove(json.get("id").getAsInt());
          if (call != null) {
            call.complete(json);
          }
        }
      }
      ws.request(1);
      return null;
    }
  }

  /** Calls a DevTools method and returns its {@code result}; a protocol error throws. */
  JsonObject call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    JsonObject request = new JsonObject();
    request.addProperty("id", id);
    request.addProperty("method", method);
    request.add("params", new com.google.gson.Gson().toJsonTree(params));
    socket.sendText(request.toString(), true).get(30, TimeUnit.SECONDS);
    JsonObject response = answer.get(60, TimeUnit.SECONDS);
    if (response.has("error")) {
      throw new IOException(method + ": " + response.get("error"));
    }
    return response.getAsJsonObject("result");
  }

  /** Opens {@code url} in the emulated phone. */
  void open(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression in the page (JSON-like values only). */
  JsonElement evaluate(String expression) throws Exception {
    JsonObject result =
        call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IOException(expression + ": " + result.get("exceptionDetails"));
    }
    JsonObject value = result.getAsJsonObject("result");
    return value.has("value") ? value.get("value") : null;
  }

  /**
   * Waits until {@code expression} is a non-empty string and returns it; fails after {@code
   * seconds}.
   */
  String await(String expression, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      JsonElement value = evaluate(expression);
      if (value != null && value.isJsonPrimitive() && !value.getAsString().isEmpty()) {
        return value.getAsString();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the page did not set " + expression + " within " + seconds + " s");
  }

  /** A PNG of the viewport. */
  byte[] screenshot() throws Exception {
    return Base64.getDecoder()
        .decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").getAsString());
  }

  @Override
  public void close() throws Exception {
    try {
      call("Browser.close", Map.of());
    } catch (Exception ignored) {
      // the browser may close the socket before answering
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
