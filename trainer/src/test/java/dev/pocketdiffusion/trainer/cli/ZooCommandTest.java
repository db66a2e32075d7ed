package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainer zoo} on a two-line list, a few steps each: the teacher is trained first and the
 * student distilled from the file the zoo has just written; a student alone whose teacher is not
 * there yet is one line, exit 1.
 */
class ZooCommandTest {
  @TempDir Path dir;

  private File list() throws IOException {
    File list = dir.resolve("zoo.tsv").toFile();
    Files.write(
        list.toPath(),
        Arrays.asList(
            "t\tddim\t10\t0\t--dataset moons --steps 40 --batch-size 64 --seed 0",
            "s\teuler\t1\t0\tdistill --teacher models/t.onnx --calls 1 --pairs 256"
                + " --teacher-steps 4 --steps 20 --batch-size 64"),
        StandardCharsets.UTF_8);
    return list;
  }

  private CliHarness zoo(String... more) throws IOException {
    String[] base = {
      "zoo",
      "--list",
      list().getPath(),
      "--out",
      dir.resolve("out").toString(),
      "--work",
      dir.resolve("work").toString(),
      "--samples",
      "100",
      "--repeats",
      "2"
    };
    String[] args = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliHarness.trainer(args);
  }

  @Test
  void aStudentAloneNeedsItsTeacherInTheOutputFolder() throws IOException {
    CliHarness alone = zoo("--only", "s");
    assertEquals(1, alone.exitCode, alone.err);
    assertTrue(alone.err.contains("--only t"), alone.err);
    assertEquals(1, alone.err.trim().split("\n").length, alone.err);
  }

  @Test
  void theTeacherIsTrainedFirstAndTheStudentDistilledFromIt() throws IOException {
    CliHarness run = zoo();
    assertEquals(0, run.exitCode, run.err);
    File out = dir.resolve("out").toFile();
    File teacher = new File(out, "t.onnx");
    assertTrue(
        run.err.contains("zoo: trainer distill --teacher " + teacher.getPath() + " --calls 1"),
        run.err);
    assertTrue(run.err.indexOf("zoo: trainer train") < run.err.indexOf("zoo: trainer distill"));
    try (OnnxDenoiser student = OnnxDenoiser.load(new File(out, "s.onnx"))) {
      ModelCard card = student.card();
      assertEquals("euler", card.samplingRecipe().sampler());
      assertEquals(1, card.samplingRecipe().steps());
      assertEquals("t.onnx (dpm++2m, 4 steps)", card.training().get("teacher"));
    }
    String readme =
        new String(Files.readAllBytes(new File(out, "README.md").toPath()), StandardCharsets.UTF_8);
    assertTrue(
        readme.contains("trainer distill --teacher models/t.onnx --calls 1 --pairs 256"), readme);
    assertFalse(readme.contains("Trained in 0 s"), readme);
  }
}
