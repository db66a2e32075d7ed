package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.List;

/** A dataset whose points belong to named classes, for class-conditional models. */
public interface LabelledDataset extends PointDataset {

  /** Class names; a point's label is its class's index. */
  List<String> classNames();

  /** Draws {@code n} points and writes each one's label into {@code labels} (length n). */
  Points sample(int n, long seed, long[] labels);

  /**
   * Up to {@code n} points of class {@code label}: those of that class among {@code 2 · n ·
   * classes} points drawn with {@code seed}, in order (n unless the classes are very unbalanced).
   *
   * @throws IllegalArgumentException for a label outside 0..classes − 1
   */
  default Points sampleClass(int label, int n, long seed) {
    int classes = classNames().size();
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException(
          "class " + label + " is not one of this dataset's classes 0.." + (classes - 1));
    }
    long[] labels = new long[n * classes * 2];
    Points all = sample(labels.length, seed, labels);
    int dim = all.dimension();
    double[] picked = new double[dim * n];
    int count = 0;
    for (int i = 0; i < labels.length && count < n; i++) {
      if (labels[i] == label) {
        for (int d = 0; d < dim; d++) {
          picked[dim * count + d] = all.get(i, d);
        }
        count++;
      }
    }
    return new Points(count, dim, java.util.Arrays.copyOf(picked, dim * count));
  }

  @Override
  default Points sample(int n, long seed) {
    return sample(n, seed, new long[n]);
  }
}
