package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short training run through the CLI, then every runtime command on what it wrote. */
class EndToEndTest {
  @TempDir Path dir;

  @Test
  void trainExportSampleInspectEvaluate() throws Exception {
    File run = dir.resolve("run").toFile();
    CliHarness train =
        CliHarness.trainer(
            "train", "--dataset", "moons", "--out", run.getPath(), "--steps", "300", "--seed", "3");
    assertEquals(0, train.exitCode, train.err);
    for (String name :
        new String[] {
          "model.onnx",
          "samples.csv",
          "samples.png",
          "metrics.json",
          "loss.csv",
          "loss.png",
          "config.json",
          "checkpoint/network.params",
          "checkpoint/checkpoint.json"
        }) {
      assertTrue(new File(run, name).isFile(), name + " missing");
    }
    List<String> loss = Files.readAllLines(new File(run, "loss.csv").toPath());
    assertEquals("step,loss", loss.get(0));
    assertEquals(301, loss.size());
    JsonObject metrics =
        JsonParser.parseString(Files.readString(new File(run, "metrics.json").toPath()))
            .getAsJsonObject();
    assertTrue(metrics.get("parity_max_abs_diff").getAsDouble() <= 1e-4);
    assertTrue(metrics.has("mmd2") && metrics.has("precision") && metrics.has("recall"));
    byte[] png = Files.readAllBytes(new File(run, "samples.png").toPath());
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);

    String model = new File(run, "model.onnx").getPath();
    CliHarness info = CliHarness.runtime("info", "--json", model);
    assertEquals(0, info.exitCode, info.err);
    JsonObject card = JsonParser.parseString(info.out).getAsJsonObject();
    assertEquals("vp", card.get("process").getAsString());
    assertEquals("epsilon", card.get("prediction").getAsString());
    assertEquals(1000, card.get("num_timesteps").getAsInt());
    assertEquals("moons", card.getAsJsonObject("training").get("dataset").getAsString());

    File samples = dir.resolve("s.csv").toFile();
    CliHarness sample =
        CliHarness.runtime(
            "sample",
            "--model",
            model,
            "--sampler",
            "ddpm",
            "--steps",
            "100",
            "-n",
            "200",
            "--seed",
            "1",
            "--out",
            samples.getPath());
    assertEquals(0, sample.exitCode, sample.err);
    List<String> lines = Files.readAllLines(samples.toPath());
    assertEquals("x,y", lines.get(0));
    assertEquals(201, lines.size());

    CliHarness eval =
        CliHarness.runtime(
            "eval",
            "--real",
            new File(run, "samples.csv").getPath(),
            "--generated",
            samples.getPath());
    assertEquals(0, eval.exitCode, eval.err);
    JsonObject scores = JsonParser.parseString(eval.out).getAsJsonObject();
    assertEquals(200, scores.get("generated_points").getAsInt());
  }

  @Test
  void theSameSeedGivesTheSameModel() throws Exception {
    File a = dir.resolve("a").toFile();
    File b = dir.resolve("b").toFile();
    assertEquals(
        0,
        CliHarness.trainer(
                "train",
                "--dataset",
                "moons",
                "--out",
                a.getPath(),
                "--steps",
                "100",
                "--seed",
                "9")
            .exitCode);
    assertEquals(
        0,
        CliHarness.trainer(
                "train",
                "--dataset",
                "moons",
                "--out",
                b.getPath(),
                "--steps",
                "100",
                "--seed",
                "9")
            .exitCode);
    assertEquals(
        Files.readString(new File(a, "loss.csv").toPath()),
        Files.readString(new File(b, "loss.csv").toPath()));
    assertTrue(
        java.util.Arrays.equals(
            Files.readAllBytes(new File(a, "checkpoint/network.params").toPath()),
            Files.readAllBytes(new File(b, "checkpoint/network.params").toPath())),
        "weights must be bit-identical");
    assertEquals(
        Files.readString(new File(a, "samples.csv").toPath()),
        Files.readString(new File(b, "samples.csv").toPath()));
  }
}
