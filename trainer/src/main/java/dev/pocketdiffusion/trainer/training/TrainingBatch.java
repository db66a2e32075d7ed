package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import java.util.Random;

/**
 * One training batch built on the Java side, reused every step: for each example a data row, a
 * training time, a base draw, its noisy point on the path, the regression target, the loss weight
 * and (for conditional models) the label, with label dropout to the null label.
 */
final class TrainingBatch {
  final int size;
  final int dim;
  final float[] noisy;
  final float[] target;
  final float[] networkTimes;
  final float[] lossWeights;
  final long[] labels;

  private final double[] base;
  private final double[] point;

  TrainingBatch(int size, int dim, boolean labelled) {
    this.size = size;
    this.dim = dim;
    noisy = new float[size * dim];
    target = new float[size * dim];
    networkTimes = new float[size];
    lossWeights = new float[size];
    labels = labelled ? new long[size] : null;
    base = new double[dim];
    point = new double[dim];
  }

  /** Refills the batch from {@code rows}, drawing everything random from {@code rng}. */
  void fill(
      BatchRows rows,
      Points data,
      long[] dataLabels,
      int nullLabel,
      double labelDropout,
      TimeSampler times,
      AffinePath path,
      Augmentation augmentation,
      Random rng) {
    for (int i = 0; i < size; i++) {
      int row = rows.next();
      TimeSampler.Draw draw = times.draw(rng);
      networkTimes[i] = draw.networkTime;
      lossWeights[i] = draw.lossWeight;
      if (labels != null) {
        labels[i] = rng.nextDouble() < labelDropout ? nullLabel : dataLabels[row];
      }
      path.base().sample(base, 1, dim, rng);
      for (int j = 0; j < dim; j++) {
        point[j] = data.get(row, j);
      }
      if (augmentation.enabled()) {
        augmentation.apply(point, rng);
      }
      for (int j = 0; j < dim; j++) {
        noisy[i * dim + j] = (float) (draw.inputScale * (draw.a * point[j] + draw.b * base[j]));
        target[i * dim + j] = (float) (draw.dataWeight * point[j] + draw.noiseWeight * base[j]);
      }
    }
  }

  /** Visits rows in a fresh random order each epoch (shuffled, like a PyTorch DataLoader). */
  static final class BatchRows {
    private final int[] order;
    private final Random rng;
    private int position;

    BatchRows(int size, Random rng) {
      this.rng = rng;
      order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      position = size;
    }

    /**
     * Continues a saved epoch: {@code order} as {@link #order()} returned it, at {@code position}.
     */
    BatchRows(int[] order, int position, Random rng) {
      if (position < 0 || position > order.length) {
        throw new IllegalArgumentException(
            "row position " + position + " outside 0.." + order.length);
      }
      this.rng = rng;
      this.order = order.clone();
      this.position = position;
    }

    /** This epoch's row order (a copy). */
    int[] order() {
      return order.clone();
    }

    /** How many rows of this epoch were used. */
    int position() {
      return position;
    }

    int next() {
      if (position == order.length) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int tmp = order[i];
          order[i] = order[j];
          order[j] = tmp;
        }
        position = 0;
      }
      return order[position++];
    }
  }
}
