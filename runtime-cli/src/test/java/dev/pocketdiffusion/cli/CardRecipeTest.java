package dev.pocketdiffusion.cli;

import static dev.pocketdiffusion.onnx.TestGraphs.floats;
import static dev.pocketdiffusion.onnx.TestGraphs.graph;
import static dev.pocketdiffusion.onnx.TestGraphs.model;
import static dev.pocketdiffusion.onnx.TestGraphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model card's sampler and steps: {@code runtime info --json} shows them (or the default, saying
 * so) and {@code runtime sample} uses them unless {@code --sampler}/{@code --steps} say otherwise.
 */
class CardRecipeTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new RuntimeCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString().trim()};
  }

  /** A network that predicts ε = 0.5·x, with {@code sampler}/{@code steps} on its card or none. */
  private File onnxFile(String name, String sampler, int steps) throws IOException {
    return onnxFile(name, sampler, steps, null);
  }

  /** As above, the card also naming the timestep {@code spacing} of its recommendation. */
  private File onnxFile(String name, String sampler, int steps, String spacing) throws IOException {
    ModelCard card = ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);
    if (sampler != null) {
      card.recommend(sampler, steps, null, spacing);
    }
    File file = dir.resolve(name).toFile();
    Files.write(
        file.toPath(),
        model(
            graph()
                .addInitializer(floats("half", new float[] {0.5f}))
                .addNode(node("Mul", "out", "x", "half")),
            card));
    return file;
  }

  private JsonObject info(File model) {
    String[] r = run("info", "--json", model.getPath());
    assertEquals("0", r[0], r[2]);
    return JsonParser.parseString(r[1]).getAsJsonObject();
  }

  /** The last step a trajectory file records: the number of sampler steps taken. */
  private int stepsTaken(File model, String... flags) throws IOException {
    List<String> lines = trajectory(model, flags);
    return Integer.parseInt(lines.get(lines.size() - 1).split(",")[0]);
  }

  /** The time of the first state a trajectory file records: where sampling started. */
  private double startTime(File model, String... flags) throws IOException {
    return Double.parseDouble(trajectory(model, flags).get(1).split(",")[1]);
  }

  private List<String> trajectory(File model, String... flags) throws IOException {
    File trajectory = dir.resolve("t" + System.nanoTime() + ".csv").toFile();
    String[] args = new String[6 + flags.length];
    System.arraycopy(
        new String[] {
          "sample", "--model", model.getPath(), "-n", "3", "--trajectory=" + trajectory.getPath()
        },
        0,
        args,
        0,
        6);
    System.arraycopy(flags, 0, args, 6, flags.length);
    String[] r = run(args);
    assertEquals("0", r[0], r[2]);
    return Files.readAllLines(trajectory.toPath());
  }

  @Test
  void infoShowsTheCardsRecipeOrTheDefaultAndSaysWhich() throws IOException {
    JsonObject card = info(onnxFile("card.onnx", "euler", 3));
    assertEquals("euler", card.get("sampler").getAsString());
    assertEquals(3, card.get("steps").getAsInt());
    assertEquals("card", card.get("sampler_source").getAsString());
    JsonObject plain = info(onnxFile("plain.onnx", null, 0));
    assertEquals("ddim", plain.get("sampler").getAsString());
    assertEquals(50, plain.get("steps").getAsInt());
    assertEquals("default", plain.get("sampler_source").getAsString());
  }

  @Test
  void sampleUsesTheCardsStepsUnlessAFlagSaysOtherwise() throws IOException {
    File card = onnxFile("card.onnx", "euler", 3);
    assertEquals(3, stepsTaken(card));
    assertEquals(3, stepsTaken(card, "--sampler", "ddim"));
    assertEquals(5, stepsTaken(card, "--steps", "5"));
    assertEquals(50, stepsTaken(onnxFile("plain.onnx", null, 0)));
  }

  @Test
  void sampleUsesTheCardsSpacingWithTheCardsSampler() throws IOException {
    File trailing = onnxFile("trailing.onnx", "ddim", 1, "trailing");
    assertEquals("trailing", info(trailing).get("spacing").getAsString());
    assertEquals(1.0, startTime(trailing), 1e-12, "trailing DDIM-1 starts at t = 1");
    assertEquals(1.0, startTime(trailing, "--sampler", "ddim", "--steps", "1"), 1e-12);
    assertEquals(0.001, startTime(trailing, "--spacing", "linspace"), 1e-12);
    assertEquals(0.001, startTime(onnxFile("plain1.onnx", "ddim", 1)), 1e-12);
  }
}
