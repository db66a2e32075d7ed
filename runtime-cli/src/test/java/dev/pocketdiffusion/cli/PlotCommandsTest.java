package dev.pocketdiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.plots.GifAnimation;
import dev.pocketdiffusion.plots.Plots;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every picture command renders a file whose points land where the data is: each test draws on
 * fixed axes ({@code --range}), so a data box maps to a known pixel box of the plot area, and
 * checks the image's size, that it has ink, and what share of the ink lies in that box. The models
 * are closed-form, so each test runs in about a second.
 */
class PlotCommandsTest {
  /** The axes of every picture. */
  private static final double[] AXES = {-3, 3, -3, 3};

  private static final String RANGE = "-3,3,-3,3";

  /** Where the data of {@link #cluster} lies: around (1.5, 1.5). */
  private static final double[] DATA = {1.0, 2.0, 1.0, 2.0};

  private static final IntPredicate PLOT = Picture.near(Plots.PLOT_BACKGROUND, 0);

  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "runtime", new RuntimeCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  private void succeeds(String... args) {
    String[] result = run(args);
    assertEquals("0", result[0], result[2]);
  }

  /** 40 points in [1.2, 1.8]², well inside {@link #DATA}. */
  private String cluster() throws IOException {
    Random rng = new Random(3);
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(1.2 + 0.6 * rng.nextDouble())
          .append(',')
          .append(1.2 + 0.6 * rng.nextDouble())
          .append('\n');
    }
    File file = dir.resolve("cluster.csv").toFile();
    Files.write(file.toPath(), csv.toString().getBytes(StandardCharsets.UTF_8));
    return file.getPath();
  }

  private File out(String name) {
    return dir.resolve(name).toFile();
  }

  private static Picture panel(BufferedImage image, int index, int columns, int size) {
    return new Picture(
        image, size * (index % columns), size * (index / columns), size, size, AXES, PLOT);
  }

  @Test
  void samplesShowRealBesideGeneratedOnTheSameAxes() throws IOException {
    File png = out("samples.png");
    succeeds(
        "plot",
        "samples",
        "--model",
        "points:" + cluster(),
        "-n",
        "300",
        "--range",
        RANGE,
        "--panel",
        "300",
        "--out",
        png.getPath());
    BufferedImage image = ImageIO.read(png);
    assertEquals(600, image.getWidth());
    assertEquals(300, image.getHeight());
    for (int p = 0; p < 2; p++) {
      Picture panel = panel(image, p, 2, 300);
      assertTrue(panel.count(Picture.BLUE) > 100, "panel " + p + " is blank");
      assertTrue(
          panel.shareIn(Picture.BLUE, DATA) > 0.97,
          "panel " + p + ": " + panel.shareIn(Picture.BLUE, DATA));
    }
  }

  @Test
  void forwardNoisesTheDataAwayFromItsBox() throws IOException {
    File png = out("forward.png");
    succeeds(
        "plot",
        "forward",
        "--data",
        cluster(),
        "--times",
        "0,0.5,1",
        "--range",
        RANGE,
        "--panel",
        "300",
        "--out",
        png.getPath());
    BufferedImage image = ImageIO.read(png);
    assertEquals(900, image.getWidth());
    Picture data = panel(image, 0, 3, 300);
    Picture noise = panel(image, 2, 3, 300);
    assertTrue(data.count(Picture.BLUE) > 50);
    assertTrue(
        data.shareIn(Picture.BLUE, DATA) > 0.97, "t = 0: " + data.shareIn(Picture.BLUE, DATA));
    assertTrue(noise.count(Picture.BLUE) > 50);
    assertTrue(
        noise.shareIn(Picture.BLUE, DATA) < 0.5, "t = 1: " + noise.shareIn(Picture.BLUE, DATA));
  }

  @Test
  void reverseEndsOnTheDataAndAlwaysShowsTheLastStep() throws IOException {
    File png = out("reverse.png");
    succeeds(
        "plot",
        "reverse",
        "--model",
        "gaussian:1.5,0.1",
        "--steps",
        "20",
        "--at-steps",
        "0,10",
        "-n",
        "400",
        "--range",
        RANGE,
        "--panel",
        "300",
        "--out",
        png.getPath());
    BufferedImage image = ImageIO.read(png);
    assertEquals(900, image.getWidth(), "steps 0, 10 and the last step 20");
    Picture start = panel(image, 0, 3, 300);
    Picture end = panel(image, 2, 3, 300);
    assertTrue(
        start.shareIn(Picture.BLUE, DATA) < 0.5, "step 0: " + start.shareIn(Picture.BLUE, DATA));
    assertTrue(end.count(Picture.BLUE) > 100);
    assertTrue(
        end.shareIn(Picture.BLUE, DATA) > 0.97, "last step: " + end.shareIn(Picture.BLUE, DATA));
  }

  @Test
  void trajectoriesEndInTheData() throws IOException {
    File png = out("paths.png");
    succeeds(
        "plot",
        "trajectories",
        "--model",
        "points:" + cluster(),
        "--sampler",
        "ddim",
        "--steps",
        "20",
        "-n",
        "30",
        "--range",
        RANGE,
        "--panel",
        "300",
        "--out",
        png.getPath());
    BufferedImage image = ImageIO.read(png);
    assertEquals(300, image.getWidth());
    Picture paths = new Picture(image, 0, 0, 300, 300, AXES, PLOT);
    IntPredicate ends = Picture.near(Plots.POINT, 25);
    assertTrue(paths.count(ends) > 30, "the 30 end points are drawn");
    assertTrue(paths.shareIn(ends, DATA) > 0.95, "ends: " + paths.shareIn(ends, DATA));
    assertTrue(
        paths.shareIn(Picture.BLUE, DATA) < 0.9, "the paths run from outside the data into it");
  }

  @Test
  void densityIsHighestAtTheData() throws IOException {
    File png = out("density.png");
    succeeds(
        "plot",
        "density",
        "--model",
        "gaussian:1.5,0.3",
        "--grid",
        "24",
        "--range",
        RANGE,
        "--panel",
        "300",
        "--out",
        png.getPath());
    BufferedImage image = ImageIO.read(png);
    assertEquals(300, image.getWidth());
    IntPredicate heat =
        rgb -> {
          int r = (rgb >> 16) & 255;
          int g = (rgb >> 8) & 255;
          int b = rgb & 255;
          return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60;
        };
    Picture map = new Picture(image, 0, 0, 300, 300, AXES, heat);
    IntPredicate hot =
        rgb -> ((rgb >> 16) & 255) > 200 && ((rgb >> 8) & 255) > 180 && (rgb & 255) < 120;
    assertTrue(map.count(hot) > 20, "some cells are near the maximum");
    double[] centre = map.centroid(hot);
    assertEquals(1.5, centre[0], 0.25);
    assertEquals(1.5, centre[1], 0.25);
    assertTrue(map.shareIn(hot, DATA) > 0.95, "hot: " + map.shareIn(hot, DATA));
  }

  @Test
  void gridHasOnePanelPerSeed() throws IOException {
    File png = out("grid.png");
    succeeds(
        "plot",
        "grid",
        "--model",
        "gaussian:1.5,0.1",
        "--seeds",
        "4",
        "-n",
        "200",
        "--steps",
        "20",
        "--range",
        RANGE,
        "--panel",
        "200",
        "--out",
        png.getPath());
    BufferedImage image = ImageIO.read(png);
    assertEquals(400, image.getWidth());
    assertEquals(400, image.getHeight());
    for (int p = 0; p < 4; p++) {
      Picture panel = panel(image, p, 2, 200);
      assertTrue(panel.count(Picture.BLUE) > 50, "panel " + p + " is blank");
      assertTrue(
          panel.shareIn(Picture.BLUE, DATA) > 0.97,
          "panel " + p + ": " + panel.shareIn(Picture.BLUE, DATA));
    }
  }

  @Test
  void animationHasTheFramesAndEndsOnTheData() throws IOException {
    File gif = out("a.gif");
    succeeds(
        "animate",
        "--model",
        "gaussian:1.5,0.1",
        "--steps",
        "20",
        "--frames",
        "12",
        "--size",
        "240",
        "-n",
        "300",
        "--range",
        RANGE,
        "--out",
        gif.getPath());
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif)) {
      reader.setInput(in);
      assertEquals(12, reader.getNumImages(true));
      BufferedImage first = reader.read(0);
      BufferedImage last = reader.read(11);
      assertEquals(240, last.getWidth());
      assertEquals(240, last.getHeight());
      IntPredicate plot = Picture.near(GifAnimation.colour(GifAnimation.PLOT), 0);
      IntPredicate point = Picture.near(GifAnimation.colour(GifAnimation.POINT), 0);
      Picture start = new Picture(first, 0, 0, 240, 240, AXES, plot);
      Picture end = new Picture(last, 0, 0, 240, 240, AXES, plot);
      assertTrue(end.count(point) > 100, "the last frame is blank");
      assertTrue(end.shareIn(point, DATA) > 0.97, "last frame: " + end.shareIn(point, DATA));
      assertTrue(start.shareIn(point, DATA) < 0.5, "first frame: " + start.shareIn(point, DATA));
    } finally {
      reader.dispose();
    }
  }

  @Test
  void everyPictureThatSamplesSharesDrawOptionsWithItsOwnPointCount() {
    PlotTrajectoriesCommand paths = new PlotTrajectoriesCommand();
    new CommandLine(paths).parseArgs("--out", "p.png");
    assertEquals(50, paths.draw.count, "a trajectory plot draws 50 paths unless told");
    assertEquals(0, paths.draw.seed);
    PlotSamplesCommand samples = new PlotSamplesCommand();
    new CommandLine(samples).parseArgs("--out", "s.png");
    assertEquals(1000, samples.draw.count);
    PlotGridCommand grid = new PlotGridCommand();
    new CommandLine(grid).parseArgs("--out", "g.png", "-n", "7", "--seed", "3");
    assertEquals(7, grid.draw.count);
    assertEquals(3, grid.draw.seed);
    String[] zero =
        run(
            "plot",
            "reverse",
            "--model",
            "gaussian:0,1",
            "-n",
            "0",
            "--out",
            out("r.png").getPath());
    assertEquals("2", zero[0]);
    assertEquals(
        "runtime: error: -n must be at least 1, got 0 (see 'reverse --help')", zero[2].trim());
  }

  @Test
  void badPictureRequestsExitTwoWithOneLine() {
    String[] none = run("plot");
    assertEquals("2", none[0]);
    assertTrue(none[2].contains("missing picture"), none[2]);
    String[] range =
        run(
            "plot",
            "grid",
            "--model",
            "gaussian:0,1",
            "--range",
            "1,0,0,1",
            "--out",
            out("g.png").getPath());
    assertEquals("2", range[0]);
    assertEquals(1, range[2].trim().split("\n").length, range[2]);
    assertTrue(range[2].contains("--range needs XMIN < XMAX"), range[2]);
    String[] frames =
        run("animate", "--model", "gaussian:0,1", "--frames", "1", "--out", out("a.gif").getPath());
    assertEquals("2", frames[0]);
    assertTrue(frames[2].contains("--frames must be in 2..1000"), frames[2]);
    assertTrue(!out("g.png").exists() && !out("a.gif").exists(), "no output after an error");
  }
}
