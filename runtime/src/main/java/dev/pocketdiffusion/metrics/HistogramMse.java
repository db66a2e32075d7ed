package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;

/**
 * Mean squared difference between two normalised 2-D histograms (each cell holds the share of its
 * set's points, summing to 1) over the bounding box of both sets together, as the two-moons
 * write-up defines it. Contrary to that write-up's hope, a few far outliers do not raise the score:
 * they widen the box, both sets crowd into the same few cells and the MSE shrinks. That is why MMD²
 * and precision/recall are always reported beside it.
 */
final class HistogramMse {
  private HistogramMse() {}

  /**
   * The MSE over {@code bins × bins} cells of the union bounding box; an axis on which all
   * coordinates are equal is widened to ±0.5, as numpy does.
   */
  static double of(Points a, Points b, int bins) {
    if (a.dimension() != 2 || b.dimension() != 2) {
      throw new IllegalArgumentException(
          "the 2-D histogram MSE needs 2-D points, got dimension " + a.dimension());
    }
    double[] box = unionBox(a, b);
    double[] da = density(a, box, bins);
    double[] db = density(b, box, bins);
    double sum = 0;
    for (int c = 0; c < da.length; c++) {
      double d = da[c] - db[c];
      sum += d * d;
    }
    return sum / da.length;
  }

  /** {minX, maxX, minY, maxY} over both sets, degenerate axes widened to ±0.5. */
  private static double[] unionBox(Points a, Points b) {
    double[] box = {
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    extend(box, a);
    extend(box, b);
    for (int axis = 0; axis < 4; axis += 2) {
      if (box[axis] == box[axis + 1]) {
        box[axis] -= 0.5;
        box[axis + 1] += 0.5;
      }
    }
    return box;
  }

  private static void extend(double[] box, Points p) {
    double[] data = p.data();
    for (int i = 0; i < data.length; i += 2) {
      box[0] = Math.min(box[0], data[i]);
      box[1] = Math.max(box[1], data[i]);
      box[2] = Math.min(box[2], data[i + 1]);
      box[3] = Math.max(box[3], data[i + 1]);
    }
  }

  /** Row-major {@code bins × bins} shares of {@code p}'s points inside {@code box}. */
  private static double[] density(Points p, double[] box, int bins) {
    double width = box[1] - box[0];
    double height = box[3] - box[2];
    double[] cells = new double[bins * bins];
    double[] data = p.data();
    for (int i = 0; i < data.length; i += 2) {
      int x = bin((data[i] - box[0]) / width, bins);
      int y = bin((data[i + 1] - box[2]) / height, bins);
      cells[x * bins + y]++;
    }
    double scale = 1.0 / p.size();
    for (int c = 0; c < cells.length; c++) {
      cells[c] *= scale;
    }
    return cells;
  }

  /** Bin of a coordinate scaled to [0, 1]; the upper edge belongs to the last bin. */
  private static int bin(double fraction, int bins) {
    return Math.min((int) (fraction * bins), bins - 1);
  }
}
