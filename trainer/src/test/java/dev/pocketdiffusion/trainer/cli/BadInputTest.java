package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.pocketdiffusion.trainer.TestModels;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input named in the spine issue: exit code, a single line naming the problem, no stack
 * trace, and no output file left behind.
 */
class BadInputTest {
  @TempDir static Path dir;
  static File model;

  @BeforeAll
  static void exportModel() throws IOException {
    model = TestModels.exportRandom(dir.resolve("model.onnx").toFile());
  }

  private static File out() {
    return dir.resolve("out-" + System.nanoTime() + ".csv").toFile();
  }

  private static void assertOneLineError(CliHarness r, int code, String... fragments) {
    assertEquals(code, r.exitCode, r.err);
    String err = r.err.trim();
    assertFalse(err.contains("\n"), "one line expected, got:\n" + err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' missing in: " + err);
    }
  }

  private static void assertNoOutput(File out) throws IOException {
    assertFalse(out.exists(), out + " must not exist");
    try (var files = Files.list(out.getParentFile().toPath())) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
          "temporary file left behind");
    }
  }

  @Test
  void missingModelFile() throws IOException {
    File out = out();
    CliHarness r =
        CliHarness.runtime(
            "sample", "--model", dir.resolve("nope.onnx").toString(), "--out", out.getPath());
    assertOneLineError(r, 1, "nope.onnx: model file not found");
    assertNoOutput(out);
  }

  @Test
  void fileThatIsNotOnnx() throws IOException {
    File junk = dir.resolve("junk.onnx").toFile();
    byte[] bytes = new byte[4096];
    new Random(1).nextBytes(bytes);
    Files.write(junk.toPath(), bytes);
    File out = out();
    CliHarness r = CliHarness.runtime("sample", "--model", junk.getPath(), "--out", out.getPath());
    assertOneLineError(r, 1, "junk.onnx: not a loadable ONNX model");
    assertNoOutput(out);
  }

  @Test
  void onnxModelWithoutACard() throws IOException {
    File bare = dir.resolve("bare.onnx").toFile();
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(model.toPath()));
    Files.write(bare.toPath(), proto.toBuilder().clearMetadataProps().build().toByteArray());
    File out = out();
    CliHarness r = CliHarness.runtime("sample", "--model", bare.getPath(), "--out", out.getPath());
    assertOneLineError(r, 1, "bare.onnx: ONNX model has no Pocket Diffusion model card");
    assertNoOutput(out);
    assertOneLineError(
        CliHarness.runtime("info", "--json", bare.getPath()),
        1,
        "has no Pocket Diffusion model card");
  }

  @Test
  void unknownSampler() throws IOException {
    File out = out();
    CliHarness r =
        CliHarness.runtime(
            "sample", "--model", model.getPath(), "--sampler", "euler-b", "--out", out.getPath());
    assertOneLineError(r, 2, "unknown sampler 'euler-b'", "ddpm, ddim");
    assertNoOutput(out);
  }

  @Test
  void zeroSteps() throws IOException {
    File out = out();
    CliHarness r =
        CliHarness.runtime(
            "sample", "--model", model.getPath(), "--steps", "0", "--out", out.getPath());
    assertOneLineError(r, 2, "--steps must be at least 1, got 0");
    assertNoOutput(out);
  }

  @Test
  void moreStepsThanTheModelHas() throws IOException {
    File out = out();
    CliHarness r =
        CliHarness.runtime(
            "sample", "--model", model.getPath(), "--steps", "1001", "--out", out.getPath());
    assertOneLineError(r, 2, "--steps must be at most the model's T = 1000, got 1001");
    assertNoOutput(out);
  }

  @Test
  void negativeSampleCount() throws IOException {
    File out = out();
    CliHarness r =
        CliHarness.runtime(
            "sample", "--model", model.getPath(), "-n", "-5", "--out", out.getPath());
    assertOneLineError(r, 2, "-n must be at least 1, got -5");
    assertNoOutput(out);
  }

  @Test
  void classForAnUnconditionalModel() throws IOException {
    File out = out();
    CliHarness r =
        CliHarness.runtime(
            "sample", "--model", model.getPath(), "--class", "2", "--out", out.getPath());
    assertOneLineError(r, 2, "--class was given but the model is unconditional");
    assertNoOutput(out);
  }

  @Test
  void unknownOptionAndBadNumber() {
    assertOneLineError(
        CliHarness.runtime("sample", "--model", model.getPath(), "--out", "x.csv", "--modle", "x"),
        2,
        "Unknown options: '--modle'");
    assertOneLineError(
        CliHarness.runtime(
            "sample", "--model", model.getPath(), "--steps", "ten", "--out", "x.csv"),
        2,
        "'ten'");
  }

  @Test
  void evalWithABrokenCsvNamesFileAndLine() throws IOException {
    File real = dir.resolve("real.csv").toFile();
    Files.writeString(real.toPath(), "x,y\n1,2\n3,abc\n");
    CliHarness r =
        CliHarness.runtime("eval", "--real", real.getPath(), "--generated", real.getPath());
    assertOneLineError(r, 1, "real.csv:3: 'abc' is not a number");
  }

  @Test
  void trainerRefusesBadValuesBeforeDoingAnything() {
    File out = dir.resolve("never").toFile();
    assertOneLineError(
        CliHarness.trainer("train", "--dataset", "moon", "--out", out.getPath()),
        2,
        "unknown dataset 'moon'");
    assertOneLineError(
        CliHarness.trainer("train", "--dataset", "moons", "--out", out.getPath(), "--steps", "0"),
        2,
        "--steps must be in 1..");
    assertOneLineError(
        CliHarness.trainer("train", "--dataset", "moons", "--out", out.getPath(), "--lr", "-1"),
        2,
        "--lr must be a positive number");
    assertFalse(out.exists(), "no output directory for a refused run");
  }
}
