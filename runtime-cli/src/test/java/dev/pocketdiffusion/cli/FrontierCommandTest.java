package dev.pocketdiffusion.cli;

import static dev.pocketdiffusion.onnx.TestGraphs.floats;
import static dev.pocketdiffusion.onnx.TestGraphs.graph;
import static dev.pocketdiffusion.onnx.TestGraphs.model;
import static dev.pocketdiffusion.onnx.TestGraphs.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime frontier} on a one-node model (ε = 0.5·x): it writes every output, one row per
 * sampler and met budget plus the student and the reference, derives each sampler's steps from its
 * budget, and refuses bad input with one line and no files.
 */
class FrontierCommandTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new RuntimeCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString().trim()};
  }

  /** The one-node vp ε model, with {@code sampler}/{@code steps} on its card or none. */
  private String onnx(String name, String sampler, int steps) throws IOException {
    ModelCard card = ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);
    if (sampler != null) {
      card.recommend(sampler, steps, null);
    }
    File file = dir.resolve(name).toFile();
    Files.write(
        file.toPath(),
        model(
            graph()
                .addInitializer(floats("half", new float[] {0.5f}))
                .addNode(node("Mul", "out", "x", "half")),
            card));
    return file.getPath();
  }

  private String real() throws IOException {
    Random rng = new Random(5);
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 200; i++) {
      csv.append(rng.nextGaussian()).append(',').append(rng.nextGaussian()).append('\n');
    }
    Path file = dir.resolve("real.csv");
    Files.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    return file.toString();
  }

  private String out(String name) {
    return dir.resolve(name).toString();
  }

  private static List<String[]> tsvRows(String file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(file))) {
      rows.add(line.split("\t", -1));
    }
    return rows;
  }

  @Test
  void writesOneRowPerSamplerAndBudgetThePictureAndTheJson() throws IOException {
    String[] r =
        run(
            "frontier",
            "--model",
            onnx("teacher.onnx", null, 0),
            "--samplers",
            "ddim,dpm++2m",
            "--calls",
            "1,3",
            "--student",
            onnx("student.onnx", "euler", 2),
            "--reference",
            "ddim:5",
            "--seeds",
            "1,2",
            "-n",
            "40",
            "--real",
            real(),
            "--md",
            out("f.md"),
            "--tsv",
            out("f.tsv"),
            "--json",
            out("f.json"),
            "--plot",
            out("f.png"));
    assertEquals("0", r[0], r[2]);
    List<String[]> rows = tsvRows(out("f.tsv"));
    assertEquals(1 + 2 * 2 + 1 + 1, rows.size(), "header, samplers x budgets, student, reference");
    assertEquals("kind", rows.get(0)[0]);
    List<String> kinds = new ArrayList<>();
    for (String[] row : rows.subList(1, rows.size())) {
      kinds.add(row[0] + " " + row[2] + " " + row[3] + " " + row[4]);
      assertEquals(12, row.length, Arrays.toString(row));
      double precision = Double.parseDouble(row[8]);
      assertTrue(precision >= 0 && precision <= 1, Arrays.toString(row));
      assertFalse(row[9].isEmpty(), "two seeds give a standard error");
    }
    assertEquals(
        List.of(
            "reference ddim 5 5",
            "sampler ddim 1 1",
            "sampler ddim 3 3",
            "sampler dpm++2m 1 1",
            "sampler dpm++2m 3 3",
            "student euler 2 2"),
        kinds);
    List<String> md = Files.readAllLines(Path.of(out("f.md")));
    assertEquals(2 + 6, md.size(), String.join("\n", md));
    assertEquals(String.join("\n", md) + "\n", r[1], "standard output is the markdown table");
    byte[] png = Files.readAllBytes(Path.of(out("f.png")));
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
    JsonObject json =
        JsonParser.parseString(Files.readString(Path.of(out("f.json")))).getAsJsonObject();
    JsonArray jsonRows = json.getAsJsonArray("rows");
    assertEquals(6, jsonRows.size());
    JsonArray values =
        jsonRows.get(1).getAsJsonObject().getAsJsonObject("mmd2").getAsJsonArray("values");
    assertEquals(2, values.size(), "one value per seed");
  }

  @Test
  void derivesStepsFromCallsAndSkipsBudgetsASamplerCannotMeet() throws IOException {
    String[] r =
        run(
            "frontier",
            "--model",
            onnx("teacher.onnx", null, 0),
            "--samplers",
            "heun,midpoint",
            "--calls",
            "2,3",
            "--reference",
            "none",
            "--seeds",
            "1",
            "-n",
            "20",
            "--real",
            real(),
            "--tsv",
            out("f.tsv"));
    assertEquals("0", r[0], r[2]);
    List<String[]> rows = tsvRows(out("f.tsv"));
    // heun makes 2K - 1 calls on vp (K = 2 for 3 calls, none for 2); midpoint 2K (K = 1 for 2)
    assertEquals(3, rows.size());
    assertEquals("heun 2 3", rows.get(1)[2] + " " + rows.get(1)[3] + " " + rows.get(1)[4]);
    assertEquals("midpoint 1 2", rows.get(2)[2] + " " + rows.get(2)[3] + " " + rows.get(2)[4]);
    assertEquals("", rows.get(1)[7], "one seed has no standard error");
    assertTrue(r[2].contains("heun makes no exact [2] model calls"), r[2]);
    assertTrue(r[2].contains("midpoint makes no exact [3] model calls"), r[2]);
  }

  @Test
  void badInputGivesOneLineAndNoFiles() throws IOException {
    String teacher = onnx("teacher.onnx", null, 0);
    String realFile = real();
    String[] zero =
        run("frontier", "--model", teacher, "--calls", "0,2", "--real", realFile, "--md", out("a"));
    assertEquals("2", zero[0]);
    assertEquals(
        "runtime: error: --calls must be in 1..10000, got 0 (see 'frontier --help')", zero[2]);
    String[] word = run("frontier", "--model", teacher, "--calls", "two", "--real", realFile);
    assertEquals("2", word[0]);
    assertEquals(1, word[2].split("\n").length, word[2]);
    String[] missing =
        run(
            "frontier",
            "--model",
            teacher,
            "--calls",
            "1",
            "--samplers",
            "ddim",
            "--reference",
            "none",
            "-n",
            "20",
            "--student",
            out("missing.onnx"),
            "--real",
            realFile,
            "--md",
            out("a.md"),
            "--plot",
            out("a.png"));
    assertEquals("1", missing[0]);
    assertEquals(1, missing[2].split("\n").length, missing[2]);
    assertTrue(missing[2].contains("missing.onnx"), missing[2]);
    assertFalse(new File(out("a.md")).exists(), "no table without the picture");
    assertFalse(new File(out("a.png")).exists());
    String[] reference =
        run("frontier", "--model", teacher, "--reference", "ddpm", "--real", realFile);
    assertEquals("2", reference[0]);
    assertTrue(reference[2].contains("--reference must be SAMPLER:STEPS"), reference[2]);
    String[] unknown =
        run("frontier", "--model", teacher, "--reference", "fast:10", "--real", realFile);
    assertEquals("2", unknown[0]);
    assertTrue(unknown[2].contains("unknown sampler 'fast'"), unknown[2]);
    assertEquals(1, unknown[2].split("\n").length, unknown[2]);
  }
}
