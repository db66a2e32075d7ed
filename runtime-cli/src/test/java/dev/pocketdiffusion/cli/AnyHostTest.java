package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.PointsCsv;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python and JavaScript examples in {@code docs/any-host.md}, run as written (plus a line that
 * saves their noise and samples) next to the baked moons model: their samples must equal the Java
 * runtime's from the same noise ({@link BakedReference}) to 1e-4. Python comes from {@code
 * .ci/venv} ({@code .ci/run} installs onnxruntime and numpy there); JavaScript runs on Node with
 * the demo's vendored onnxruntime-web. Each is skipped in one line where its interpreter is
 * missing.
 */
class AnyHostTest {
  private static final File DOC = new File("../docs/any-host.md");
  private static final File PYTHON = new File("../.ci/venv/bin/python");
  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  /** The first fenced block of {@code language} in the doc. */
  private static String example(String language) throws Exception {
    String doc = Files.readString(DOC.toPath());
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "no ```" + language + " block in " + DOC);
    return m.group(1);
  }

  /** Copies the baked model the example names into the test folder and returns it. */
  private File modelOf(String code) throws Exception {
    Matcher m = Pattern.compile("([\\w.-]+\\.onnx)").matcher(code);
    assertTrue(m.find(), "the example names no .onnx file");
    File source = new File(new File(BakedReference.DEMO, "models"), m.group(1));
    assertTrue(source.isFile(), "the example's model " + source + " is missing");
    File copy = dir.resolve(m.group(1)).toFile();
    Files.copy(source.toPath(), copy.toPath());
    return copy;
  }

  private String run(List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), output);
    return output;
  }

  private static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private void assertMatchesTheRuntime(File model, Points noise, Points samples) throws Exception {
    assertEquals(noise.size(), samples.size());
    Points expected = BakedReference.samples(model, noise, -1, Double.NaN, dir);
    double diff = BakedReference.maxAbsDiff(samples, expected);
    assertTrue(diff <= TOLERANCE, "max |example - runtime| = " + diff);
    assertTrue(BakedReference.maxAbsDiff(samples, noise) > 0.1, "the example returned its noise");
  }

  @Test
  void thePythonExampleMatchesTheRuntime() throws Exception {
    assumeTrue(
        works(PYTHON.getPath(), "-c", "import onnxruntime, numpy"),
        "skipped: no " + PYTHON + " with onnxruntime and numpy (bash .ci/run creates it)");
    String code = example("python");
    File model = modelOf(code);
    Path script = dir.resolve("example.py");
    Files.writeString(
        script,
        code
            + "np.savetxt('noise.csv', noise, delimiter=',', header='x,y', comments='', fmt='%.9g')\n"
            + "np.savetxt('out.csv', samples, delimiter=',', header='x,y', comments='', fmt='%.9g')\n");
    run(List.of(PYTHON.getAbsolutePath(), script.toString()));
    assertMatchesTheRuntime(
        model,
        PointsCsv.read(dir.resolve("noise.csv").toFile()),
        PointsCsv.read(dir.resolve("out.csv").toFile()));
  }

  @Test
  void theJavaScriptExampleMatchesTheRuntime() throws Exception {
    File node = null;
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(folder, "node");
      if (node == null && candidate.canExecute()) {
        node = candidate;
      }
    }
    assumeTrue(node != null, "skipped: no node on the PATH for the JavaScript example");
    String code = example("js");
    File model = modelOf(code);
    // `onnxruntime-web` resolves to the demo's vendored copy of that package's WebAssembly build
    Path module = dir.resolve("node_modules/onnxruntime-web");
    Files.createDirectories(module);
    Files.writeString(
        module.resolve("package.json"),
        "{\"name\": \"onnxruntime-web\", \"main\": \"index.mjs\"}\n");
    String vendored =
        new File(BakedReference.DEMO, "vendor/ort.wasm.min.js")
            .getAbsoluteFile()
            .toPath()
            .normalize()
            .toString();
    Files.writeString(
        module.resolve("index.mjs"),
        "import { createRequire } from 'node:module';\n"
            + "const ort = createRequire(import.meta.url)("
            + new com.google.gson.Gson().toJson(vendored)
            + ");\n"
            + "ort.env.wasm.numThreads = 1;\n"
            + "export const { InferenceSession, Tensor, env } = ort;\n"
            + "export default ort;\n");
    Path script = dir.resolve("example.mjs");
    Files.writeString(
        script,
        code
            + "import { writeFileSync } from 'node:fs';\n"
            + "writeFileSync('out.json', JSON.stringify({ noise: Array.from(noise), samples:"
            + " Array.from(samples.data), dims: samples.dims }));\n");
    run(List.of(node.getPath(), script.toString()));
    JsonObject out =
        JsonParser.parseString(Files.readString(dir.resolve("out.json"))).getAsJsonObject();
    int d = out.getAsJsonArray("dims").get(1).getAsInt();
    assertMatchesTheRuntime(
        model, points(out.getAsJsonArray("noise"), d), points(out.getAsJsonArray("samples"), d));
  }

  private static Points points(JsonArray flat, int d) {
    double[] data = new double[flat.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = flat.get(i).getAsDouble();
    }
    return new Points(data.length / d, d, data);
  }
}
