package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.plots.Plots;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.function.IntPredicate;

/**
 * One panel of a rendered picture, read back for tests: finds the plot area with {@link
 * Plots#plotArea} and maps data coordinates onto it from the axis box the picture was drawn with,
 * so a test can ask how much of the ink lies where the data is.
 */
final class Picture {
  private final BufferedImage image;
  private final int x0;
  private final int y0;
  private final int x1;
  private final int y1;
  private final double[] axes;

  /**
   * The panel {@code image[left..left+width) × [top..top+height)} drawn on {@code axes} {xmin,
   * xmax, ymin, ymax}, whose plot area is where most pixels pass {@code area}, found as {@link
   * Plots#plotArea} finds it.
   */
  Picture(
      BufferedImage image,
      int left,
      int top,
      int width,
      int height,
      double[] axes,
      IntPredicate area) {
    this.image = image;
    this.axes = axes;
    int[] box = Plots.plotArea(image, left, top, width, height, area);
    this.x0 = box[0];
    this.y0 = box[1];
    this.x1 = box[2];
    this.y1 = box[3];
  }

  /** Width of the plot area in pixels. */
  int plotWidth() {
    return x1 - x0 + 1;
  }

  /** Number of plot-area pixels that pass {@code ink}. */
  int count(IntPredicate ink) {
    return countIn(ink, axes);
  }

  /**
   * Number of plot-area pixels passing {@code ink} inside the data box {xmin, xmax, ymin, ymax},
   * widened by 3 pixels.
   */
  int countIn(IntPredicate ink, double[] box) {
    int left = Math.max(x0, px(box[0]) - 3);
    int right = Math.min(x1, px(box[1]) + 3);
    int top = Math.max(y0, py(box[3]) - 3);
    int bottom = Math.min(y1, py(box[2]) + 3);
    int n = 0;
    for (int y = top; y <= bottom; y++) {
      for (int x = left; x <= right; x++) {
        if (ink.test(image.getRGB(x, y))) {
          n++;
        }
      }
    }
    return n;
  }

  /** Share of the ink in the plot area that lies inside {@code box}. */
  double shareIn(IntPredicate ink, double[] box) {
    int all = count(ink);
    return all == 0 ? 0 : countIn(ink, box) / (double) all;
  }

  /** The data coordinates {x, y} of the centroid of the ink. */
  double[] centroid(IntPredicate ink) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        if (ink.test(image.getRGB(x, y))) {
          sx += x;
          sy += y;
          n++;
        }
      }
    }
    double cx = sx / n;
    double cy = sy / n;
    return new double[] {
      axes[0] + (cx - x0 + 0.5) / plotWidth() * (axes[1] - axes[0]),
      axes[3] - (cy - y0 + 0.5) / (y1 - y0 + 1) * (axes[3] - axes[2])
    };
  }

  private int px(double x) {
    return x0 + (int) Math.floor((x - axes[0]) / (axes[1] - axes[0]) * (x1 - x0 + 1));
  }

  private int py(double y) {
    return y0 + (int) Math.floor((axes[3] - y) / (axes[3] - axes[2]) * (y1 - y0 + 1));
  }

  /** Pixels close to {@code colour} (each channel within {@code tolerance}). */
  static IntPredicate near(Color colour, int tolerance) {
    return rgb ->
        Math.abs(((rgb >> 16) & 255) - colour.getRed()) <= tolerance
            && Math.abs(((rgb >> 8) & 255) - colour.getGreen()) <= tolerance
            && Math.abs((rgb & 255) - colour.getBlue()) <= tolerance;
  }

  /** Blue-dominated pixels: the plotted points, blended or not, and nothing grey or white. */
  static final IntPredicate BLUE = rgb -> (rgb & 255) - ((rgb >> 16) & 255) > 40;
}
