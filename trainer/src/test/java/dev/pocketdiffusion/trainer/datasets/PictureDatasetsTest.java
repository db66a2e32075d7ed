package dev.pocketdiffusion.trainer.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.trainer.cli.TrainerCli;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image:} and {@code mnist:} read pictures as densities and put points where the ink is. */
class PictureDatasetsTest {
  @TempDir Path dir;

  @Test
  void anImageIsADensityOverItsInk() throws IOException {
    // 200×100, white, with a black block over x in [20, 60), y in [10, 30) (pixels, y down)
    BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 100);
    g.setColor(Color.BLACK);
    g.fillRect(20, 10, 40, 20);
    g.dispose();
    File png = dir.resolve("block.png").toFile();
    ImageIO.write(image, "png", png);
    Points points = Datasets.byName("image:" + png).sample(2000, 1);
    for (int i = 0; i < points.size(); i++) {
      double x = points.get(i, 0);
      double y = points.get(i, 1);
      // x = (2px − 200)/200, y = (100 − 2py)/200
      assertTrue(
          x >= -0.8 && x <= -0.4 && y >= 0.2 && y <= 0.4,
          "point " + i + " (" + x + ", " + y + ") off the ink");
    }
    assertArrayEquals(points.data(), Datasets.byName("image:" + png).sample(2000, 1).data(), 0);
  }

  @Test
  void aFileThatIsNotAnImageIsRefusedInOneLineBeforeAnythingIsWritten() throws IOException {
    File fake = dir.resolve("fake.png").toFile();
    Files.writeString(fake.toPath(), "not a picture");
    File out = dir.resolve("run").toFile();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "trainer",
            new TrainerCli(),
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "train",
            "--dataset",
            "image:" + fake,
            "--out",
            out.getPath(),
            "--steps",
            "10");
    String line = err.toString().trim();
    assertEquals(1, code, line);
    assertEquals(
        "trainer: error: " + fake + ": not an image ImageIO can read (use PNG, JPEG, GIF or BMP)",
        line);
    assertFalse(out.exists(), "no output directory for a refused dataset");
  }

  private static void writeIdx(File file, int magic, int[] dims, byte[] payload)
      throws IOException {
    try (OutputStream raw = Files.newOutputStream(file.toPath());
        DataOutputStream out =
            new DataOutputStream(
                file.getName().endsWith(".gz") ? new GZIPOutputStream(raw) : raw)) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(payload);
    }
  }

  /** Three 4×4 "digits": image i has one lit pixel at column i, row 0, and label 7 − i. */
  private File writeMnist(boolean gzip) throws IOException {
    byte[] pixels = new byte[3 * 16];
    for (int i = 0; i < 3; i++) {
      pixels[16 * i + i] = (byte) 255;
    }
    String suffix = gzip ? ".gz" : "";
    File images = dir.resolve("t10k-images-idx3-ubyte" + suffix).toFile();
    writeIdx(images, 2051, new int[] {3, 4, 4}, pixels);
    writeIdx(
        dir.resolve("t10k-labels-idx1-ubyte" + suffix).toFile(),
        2049,
        new int[] {3},
        new byte[] {7, 6, 5});
    return images;
  }

  @Test
  void mnistPointsLieOnTheirImagesInkAndCarryItsLabel() throws IOException {
    for (boolean gzip : new boolean[] {false, true}) {
      LabelledDataset mnist = (LabelledDataset) Datasets.byName("mnist:" + writeMnist(gzip));
      assertEquals(
          Arrays.asList("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), mnist.classNames());
      long[] labels = new long[600];
      Points points = mnist.sample(600, 2, labels);
      int[] seen = new int[10];
      for (int i = 0; i < points.size(); i++) {
        int column = (int) Math.floor((points.get(i, 0) + 1) * 2); // x = (2px − 4)/4
        assertEquals(7 - labels[i], column, "point " + i + " lies in its image's lit column");
        assertTrue(points.get(i, 1) > 0.5, "row 0 is the top");
        seen[(int) labels[i]]++;
      }
      assertTrue(seen[5] > 150 && seen[6] > 150 && seen[7] > 150, Arrays.toString(seen));
    }
  }

  @Test
  void mnistFilesAreCheckedByName() throws IOException {
    File images = writeMnist(false);
    File labels = dir.resolve("t10k-labels-idx1-ubyte").toFile();
    writeIdx(labels, 2049, new int[] {5}, new byte[] {1, 2});
    InvalidInputException truncated =
        assertThrows(InvalidInputException.class, () -> Datasets.byName("mnist:" + images));
    assertTrue(truncated.getMessage().startsWith(labels + ": truncated"), truncated.getMessage());
    InvalidInputException wrongMagic =
        assertThrows(
            InvalidInputException.class, () -> Datasets.byName("mnist:" + labels + "," + images));
    assertTrue(
        wrongMagic.getMessage().startsWith(labels + ": not an IDX image file"),
        wrongMagic.getMessage());
  }
}
