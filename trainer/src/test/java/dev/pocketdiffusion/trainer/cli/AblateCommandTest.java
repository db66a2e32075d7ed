package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainer ablate}: one run per value, a grid of checkpoints and a metrics table per cell.
 */
class AblateCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheGridAndOneMetricsRowPerCell() throws IOException {
    File out = dir.resolve("ablate").toFile();
    CliHarness run =
        CliHarness.trainer(
            "ablate",
            "--param",
            "lr=1e-4,1e-2",
            "--dataset",
            "moons",
            "--steps",
            "200",
            "--width",
            "64",
            "--checkpoints",
            "2",
            "--out",
            out.getPath());
    assertEquals(0, run.exitCode, run.err);

    BufferedImage grid = ImageIO.read(new File(out, "ablation.png"));
    assertEquals(600, grid.getWidth(), "two checkpoints, 300 px each");
    assertEquals(600, grid.getHeight(), "two runs");
    for (int cell = 0; cell < 4; cell++) {
      assertTrue(
          bluePixels(grid, 300 * (cell % 2), 300 * (cell / 2)) > 200, "cell " + cell + " is blank");
    }

    List<String> csv =
        Files.readAllLines(new File(out, "ablation.csv").toPath(), StandardCharsets.UTF_8);
    assertEquals(5, csv.size(), String.join("\n", csv));
    List<String> header = Arrays.asList(csv.get(0).split(","));
    assertEquals(Arrays.asList("param", "value", "step"), header.subList(0, 3));
    int precision = header.indexOf("precision");
    assertTrue(precision > 2 && header.contains("mmd2") && header.contains("recall"), csv.get(0));
    assertTrue(
        csv.get(1).startsWith("lr,1e-4,100,") && csv.get(2).startsWith("lr,1e-4,200,"),
        csv.get(1) + " / " + csv.get(2));
    assertTrue(csv.get(4).startsWith("lr,1e-2,200,"), csv.get(4));
    double slow = Double.parseDouble(csv.get(2).split(",")[precision]);
    double fast = Double.parseDouble(csv.get(4).split(",")[precision]);
    assertTrue(
        fast > slow + 0.2,
        "200 steps at lr 1e-2 beat 200 steps at 1e-4: precision " + fast + " vs " + slow);

    String md =
        new String(
            Files.readAllBytes(new File(out, "ablation.md").toPath()), StandardCharsets.UTF_8);
    assertTrue(md.startsWith("| run | step | mmd2 |"), md);
    assertEquals(6, md.trim().split("\n").length, md);
    assertTrue(
        new File(out, "lr=1e-2/model.onnx").isFile() && new File(out, "lr=1e-4/loss.png").isFile());

    // The last checkpoint is the exported model, scored as 'train' scores it (1000 points, same
    // seeds).
    String metrics =
        new String(
            Files.readAllBytes(new File(out, "lr=1e-2/metrics.json").toPath()),
            StandardCharsets.UTF_8);
    double exported =
        Double.parseDouble(metrics.replaceAll("(?s).*\"mmd2\": *([-0-9.eE]+).*", "$1"));
    double lastCell = Double.parseDouble(csv.get(4).split(",")[header.indexOf("mmd2")]);
    assertEquals(exported, lastCell, 1e-5 * Math.abs(exported));

    // Snapshots swap the averaged weights in and out: training is bit-for-bit that of 'train'.
    File alone = dir.resolve("alone").toFile();
    CliHarness train =
        CliHarness.trainer(
            "train",
            "--dataset",
            "moons",
            "--steps",
            "200",
            "--width",
            "64",
            "--lr",
            "1e-2",
            "--out",
            alone.getPath());
    assertEquals(0, train.exitCode, train.err);
    assertEquals(
        metrics,
        new String(
            Files.readAllBytes(new File(alone, "metrics.json").toPath()), StandardCharsets.UTF_8));
  }

  @Test
  void badParamsFailBeforeAnyTraining() {
    File out = dir.resolve("bad").toFile();
    CliHarness unknown =
        CliHarness.trainer(
            "ablate",
            "--param",
            "learning-speed=1,2",
            "--dataset",
            "moons",
            "--out",
            out.getPath());
    assertEquals(2, unknown.exitCode);
    assertEquals(1, unknown.err.trim().split("\n").length, unknown.err);
    assertTrue(unknown.err.contains("--param must be NAME=V1,V2,..."), unknown.err);
    CliHarness value =
        CliHarness.trainer(
            "ablate", "--param", "lr=1e-3,-1", "--dataset", "moons", "--out", out.getPath());
    assertEquals(2, value.exitCode);
    assertTrue(value.err.contains("--param lr=-1: --lr must be a positive number"), value.err);
    assertFalse(out.exists(), "nothing was trained");
  }

  private static int bluePixels(BufferedImage image, int left, int top) {
    int n = 0;
    for (int y = top; y < top + 300; y++) {
      for (int x = left; x < left + 300; x++) {
        int rgb = image.getRGB(x, y);
        if ((rgb & 255) - ((rgb >> 16) & 255) > 40) {
          n++;
        }
      }
    }
    return n;
  }
}
