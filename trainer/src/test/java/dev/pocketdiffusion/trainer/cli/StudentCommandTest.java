package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainer reflow} and {@code trainer distill} on the shipped moons teacher, a few steps
 * each: the student is a flow velocity model on the teacher's base, a distilled one says in its
 * card how it is sampled, a reflow student is itself a teacher, and bad input is one line, exit 2.
 */
class StudentCommandTest {
  private static final String TEACHER = new File("../models/moons.onnx").getPath();
  private static final String[] SMALL = {
    "--pairs", "256", "--teacher-steps", "4", "--steps", "20", "--batch-size", "64"
  };

  @TempDir Path dir;

  private CliHarness run(String command, String teacher, String out, String... more) {
    String[] args = new String[5 + SMALL.length + more.length];
    args[0] = command;
    args[1] = "--teacher";
    args[2] = teacher;
    args[3] = "--out";
    args[4] = out;
    System.arraycopy(SMALL, 0, args, 5, SMALL.length);
    System.arraycopy(more, 0, args, 5 + SMALL.length, more.length);
    return CliHarness.trainer(args);
  }

  @Test
  void distillRecordsItsSamplerAndReflowChains() {
    File distilled = dir.resolve("d2").toFile();
    CliHarness d = run("distill", TEACHER, distilled.getPath(), "--calls", "2");
    assertEquals(0, d.exitCode, d.err);
    assertTrue(d.err.contains("256 teacher pairs (dpm++2m, 4 steps)"), d.err);
    try (OnnxDenoiser model = OnnxDenoiser.load(new File(distilled, "model.onnx"))) {
      ModelCard card = model.card();
      assertEquals("flow", card.path().process().cliName());
      assertEquals("velocity", card.prediction().cliName());
      assertEquals("euler", card.samplingRecipe().sampler());
      assertEquals(2, card.samplingRecipe().steps());
      assertTrue(card.metrics().containsKey("eval_sampler_euler_steps"), card.toJson());
      assertTrue(card.metrics().get("straightness") >= 0, card.toJson());
      assertTrue(String.valueOf(card.training().get("teacher")).contains("moons.onnx"));
    }
    File reflow = dir.resolve("reflow").toFile();
    CliHarness r = run("reflow", new File(distilled, "model.onnx").getPath(), reflow.getPath());
    assertEquals(0, r.exitCode, r.err);
    try (OnnxDenoiser model = OnnxDenoiser.load(new File(reflow, "model.onnx"))) {
      assertEquals(
          "default",
          model.card().samplingRecipe().source(),
          "a reflow student leaves the sampler to the user");
    }
    CliHarness resume = CliHarness.trainer("train", "--resume", "--out", reflow.getPath());
    assertTrue(
        resume.exitCode != 0 && resume.err.contains("run the reflow or distill"), resume.err);
  }

  @Test
  void progressiveDistillationRecordsDdimOnTheTeachersPath() {
    File out = dir.resolve("pd").toFile();
    CliHarness d =
        CliHarness.trainer(
            "distill",
            "--teacher",
            TEACHER,
            "--out",
            out.getPath(),
            "--method",
            "progressive",
            "--calls",
            "1",
            "--teacher-steps",
            "4",
            "--steps",
            "20",
            "--batch-size",
            "64",
            "--width",
            "16",
            "--depth",
            "1");
    assertEquals(0, d.exitCode, d.err);
    assertTrue(d.err.contains("ddim 4 -> 1 steps in 2 rounds of 10 optimiser steps"), d.err);
    try (OnnxDenoiser model = OnnxDenoiser.load(new File(out, "model.onnx"))) {
      ModelCard card = model.card();
      assertEquals("vp", card.path().process().cliName());
      assertEquals(1000, card.path().numTimesteps());
      assertEquals("x0", card.prediction().cliName(), "an ε teacher gets an x0 student");
      assertEquals("ddim", card.samplingRecipe().sampler());
      assertEquals(1, card.samplingRecipe().steps());
      assertEquals("trailing", card.samplingRecipe().spacing().cliName());
      assertEquals(20, ((Number) card.training().get("steps")).intValue());
      assertTrue(card.metrics().containsKey("eval_sampler_ddim_steps"), card.toJson());
      assertTrue(String.valueOf(card.training().get("teacher")).contains("2 rounds"));
    }
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    String out = dir.resolve("bad").toString();
    String[][] cases = {
      {"distill", "--calls", "0"},
      {"distill", "--calls", "2", "--teacher-sampler", "ddpm"},
      {"reflow", "--pairs", "1"},
      {"distill", "--calls", "2", "--method", "consistency"},
    };
    for (String[] c : cases) {
      String[] more = java.util.Arrays.copyOfRange(c, 1, c.length);
      CliHarness result = run(c[0], TEACHER, out, more);
      assertEquals(2, result.exitCode, String.join(" ", c) + ": " + result.err);
      assertTrue(!result.err.contains("\tat "), result.err);
    }
    String[][] progressive = {
      {"--teacher-sampler", "dpm++2m", "drop --teacher-sampler"},
      {"--teacher-steps", "900", "exceed its T = 1000"},
      {"--pairs", "100", "--pairs applies to --method pairs"},
    };
    for (String[] c : progressive) {
      CliHarness result =
          CliHarness.trainer(
              "distill",
              "--teacher",
              TEACHER,
              "--out",
              out,
              "--calls",
              "2",
              "--method",
              "progressive",
              c[0],
              c[1]);
      assertEquals(2, result.exitCode, c[0] + ": " + result.err);
      assertTrue(result.err.contains(c[2]) && !result.err.contains("\tat "), result.err);
    }
    CliHarness missing = run("reflow", dir.resolve("none.onnx").toString(), out);
    assertEquals(1, missing.exitCode, missing.err);
  }
}
