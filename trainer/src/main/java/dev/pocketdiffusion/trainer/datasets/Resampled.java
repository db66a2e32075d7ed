package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.Random;

/**
 * A dataset made of fixed points: each sample draws rows uniformly with replacement, adds N(0,
 * jitter²) noise per coordinate and applies {@code x ← (x − shift)·scale} per axis (no transform
 * where shift and scale are null).
 */
final class Resampled implements PointDataset {
  private final String name;
  private final Points rows;
  private final double jitter;
  private final double[] shift;
  private final double[] scale;

  Resampled(String name, Points rows, double jitter, double[] shift, double[] scale) {
    this.name = name;
    this.rows = rows;
    this.jitter = jitter;
    this.shift = shift;
    this.scale = scale;
  }

  @Override
  public String cliName() {
    return name;
  }

  @Override
  public Points sample(int n, long seed) {
    Random rng = new Random(seed);
    int dim = rows.dimension();
    double[] data = new double[n * dim];
    for (int i = 0; i < n; i++) {
      int row = rng.nextInt(rows.size());
      for (int j = 0; j < dim; j++) {
        double v = rows.get(row, j) + (jitter > 0 ? jitter * rng.nextGaussian() : 0);
        data[i * dim + j] = shift == null ? v : (v - shift[j]) * scale[j];
      }
    }
    return new Points(n, dim, data);
  }
}
