package dev.pocketdiffusion.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.io.PointsCsv;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo tests compare a host's output with: the samples the Java runtime gives for a baked
 * model's starting noise. {@link #STAND_IN} selects how: with {@code runtime sample --start} on the
 * model the baked file came from (sampler, steps and spacing read from its card), or, while {@code
 * --start} is not merged, by running the baked file itself with the Java ONNX Runtime.
 */
final class BakedReference {
  /**
   * True while the runtime has no {@code runtime sample --start}: the reference is then the baked
   * graph itself run by Java ONNX Runtime (which {@code trainer bake} checked against the runtime's
   * sampler when it wrote the file). Set to false once {@code --start} is merged.
   */
  static final boolean STAND_IN = true;

  /** The demo's folder, seen from the runtime-cli module (the tests' working directory). */
  static final File DEMO = new File("../docs/demo");

  /** Where the zoo's source models live; a baked card's {@code baked_from.file} is found here. */
  static final File ZOO = new File("../models");

  private BakedReference() {}

  /** The card JSON of an ONNX file, read through ONNX Runtime's custom metadata. */
  static JsonObject card(File model) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model.getPath(), new OrtSession.SessionOptions())) {
      String json = session.getMetadata().getCustomMetadata().get(ModelCard.METADATA_KEY);
      if (json == null) {
        throw new IllegalStateException(model + " has no " + ModelCard.METADATA_KEY);
      }
      return JsonParser.parseString(json).getAsJsonObject();
    }
  }

  /**
   * The runtime's samples from {@code noise} for {@code baked}; {@code label} and {@code guidance}
   * only for a conditional model (one class for every row), else -1 and NaN.
   */
  static Points samples(File baked, Points noise, int label, double guidance, Path dir)
      throws Exception {
    return STAND_IN
        ? runBakedFile(baked, noise, label, guidance)
        : runtimeSampleStart(baked, noise, label, guidance, dir);
  }

  /** {@code runtime sample --start} on the baked file's source model, as its card describes it. */
  private static Points runtimeSampleStart(
      File baked, Points noise, int label, double guidance, Path dir) throws Exception {
    JsonObject card = card(baked);
    File source = new File(ZOO, card.getAsJsonObject("baked_from").get("file").getAsString());
    File start = dir.resolve("start.csv").toFile();
    File out = dir.resolve("reference.csv").toFile();
    PointsCsv.write(start, noise);
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "sample",
            "--model",
            source.getPath(),
            "--sampler",
            card.get("sampler").getAsString(),
            "--steps",
            card.get("steps").getAsString(),
            "--start",
            start.getPath(),
            "--out",
            out.getPath()));
    if (card.has("spacing") && !card.get("spacing").isJsonNull()) {
      args.addAll(List.of("--spacing", card.get("spacing").getAsString()));
    }
    if (label >= 0) {
      args.addAll(List.of("--class", Integer.toString(label), "--guidance", "" + guidance));
    }
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime",
            new RuntimeCli(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            args.toArray(new String[0]));
    if (code != 0) {
      throw new IllegalStateException("runtime " + String.join(" ", args) + " failed: " + err);
    }
    return PointsCsv.read(out);
  }

  /** The baked graph itself, run once by the Java ONNX Runtime (the stand-in reference). */
  private static Points runBakedFile(File baked, Points noise, int label, double guidance)
      throws Exception {
    int n = noise.size();
    int d = noise.dimension();
    float[] z = new float[n * d];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) noise.data()[i];
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(baked.getPath(), new OrtSession.SessionOptions())) {
      Map<String, OnnxTensor> feeds = new HashMap<>();
      try {
        feeds.put("noise", OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {n, d}));
        if (label >= 0) {
          long[] labels = new long[n];
          java.util.Arrays.fill(labels, label);
          feeds.put("label", OnnxTensor.createTensor(env, LongBuffer.wrap(labels), new long[] {n}));
          feeds.put(
              "guidance",
              OnnxTensor.createTensor(
                  env, FloatBuffer.wrap(new float[] {(float) guidance}), new long[] {1}));
        }
        try (OrtSession.Result result = session.run(feeds)) {
          float[][] out = (float[][]) result.get("samples").orElseThrow().getValue();
          double[] data = new double[n * d];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
              data[i * d + j] = out[i][j];
            }
          }
          return new Points(n, d, data);
        }
      } finally {
        for (OnnxTensor t : feeds.values()) {
          t.close();
        }
      }
    }
  }

  /** The largest coordinate difference between two point sets of the same shape. */
  static double maxAbsDiff(Points a, Points b) {
    if (a.size() != b.size() || a.dimension() != b.dimension()) {
      throw new AssertionError(
          a.size() + "x" + a.dimension() + " points vs " + b.size() + "x" + b.dimension());
    }
    double max = 0;
    for (int i = 0; i < a.data().length; i++) {
      max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
    }
    return max;
  }
}
