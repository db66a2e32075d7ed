package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;
import java.util.Random;

/** Point sets for the metric tests. */
final class TestPoints {
  private TestPoints() {}

  /** 2-D points from the flat list {@code x0, y0, x1, y1, ...}. */
  static Points xy(double... coordinates) {
    return new Points(coordinates.length / 2, 2, coordinates);
  }

  /** 1-D points. */
  static Points line(double... coordinates) {
    return new Points(coordinates.length, 1, coordinates);
  }

  /**
   * {@code n} isotropic Gaussian points in {@code dim} dimensions centred on {@code (mean, 0,
   * ...)}.
   */
  static Points gaussian(long seed, int n, int dim, double mean, double std) {
    Random random = new Random(seed);
    double[] data = new double[n * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = std * random.nextGaussian() + (i % dim == 0 ? mean : 0);
    }
    return new Points(n, dim, data);
  }

  /**
   * {@code perMode} 2-D Gaussian points (std {@code std}) around each of the first {@code modes} of
   * the four corners (±1, ±1), taken in the order (−1,−1), (1,1), (−1,1), (1,−1).
   */
  static Points corners(long seed, int modes, int perMode, double std) {
    double[][] centres = {{-1, -1}, {1, 1}, {-1, 1}, {1, -1}};
    Random random = new Random(seed);
    double[] data = new double[modes * perMode * 2];
    int next = 0;
    for (int m = 0; m < modes; m++) {
      for (int i = 0; i < perMode; i++) {
        data[next++] = centres[m][0] + std * random.nextGaussian();
        data[next++] = centres[m][1] + std * random.nextGaussian();
      }
    }
    return new Points(modes * perMode, 2, data);
  }

  /** {@code p} moved by {@code dx} along the first axis (copied). */
  static Points shifted(Points p, double dx) {
    double[] data = p.data().clone();
    for (int i = 0; i < data.length; i += p.dimension()) {
      data[i] += dx;
    }
    return new Points(p.size(), p.dimension(), data);
  }
}
