package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trainer export} rebuilds a checkpoint into the same model the training run exported. */
class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void reExportComputesWhatTheRunExported() {
    File run = dir.resolve("run").toFile();
    assertEquals(
        0,
        CliHarness.trainer(
                "train",
                "--dataset",
                "spiral",
                "--process",
                "flow",
                "--prediction",
                "velocity",
                "--batch-norm",
                "--out",
                run.getPath(),
                "--steps",
                "40")
            .exitCode);
    File again = dir.resolve("again.onnx").toFile();
    CliHarness export =
        CliHarness.trainer(
            "export",
            "--checkpoint",
            new File(run, "checkpoint").getPath(),
            "--out",
            again.getPath(),
            "--recommend-sampler",
            "heun",
            "--recommend-steps",
            "3");
    assertEquals(0, export.exitCode, export.err);
    CliHarness unknown =
        CliHarness.trainer(
            "export",
            "--checkpoint",
            new File(run, "checkpoint").getPath(),
            "--out",
            dir.resolve("bad.onnx").toString(),
            "--recommend-sampler",
            "warp",
            "--recommend-steps",
            "3");
    assertEquals(2, unknown.exitCode, unknown.err);
    assertTrue(unknown.err.contains("sampler: unknown sampler 'warp'"), unknown.err);
    assertFalse(dir.resolve("bad.onnx").toFile().exists());
    try (OnnxDenoiser a = OnnxDenoiser.load(new File(run, "model.onnx"));
        OnnxDenoiser b = OnnxDenoiser.load(again)) {
      assertEquals("flow", b.card().path().process().cliName());
      assertEquals("default", a.card().samplingRecipe().source());
      assertEquals("heun", b.card().samplingRecipe().sampler());
      assertEquals(3, b.card().samplingRecipe().steps());
      double[] x = {0.3, -0.2, 1.5, 0.7};
      double[] t = {0.25, 0.8};
      double[] outA = new double[4];
      double[] outB = new double[4];
      a.predict(x, t, 2, outA);
      b.predict(x, t, 2, outB);
      assertArrayEquals(outA, outB, 0);
    }
  }

  @Test
  void aDirectoryThatIsNotACheckpointIsExplained() {
    File out = dir.resolve("x.onnx").toFile();
    CliHarness r =
        CliHarness.trainer("export", "--checkpoint", dir.toString(), "--out", out.getPath());
    assertEquals(1, r.exitCode);
    assertTrue(
        r.err.trim().endsWith("not a checkpoint (expected checkpoint.json and network.params)"),
        r.err);
    assertFalse(out.exists());
  }
}
