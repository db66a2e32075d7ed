package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.AffinePath;
import java.util.Random;

/**
 * One training batch built on the Java side, reused every step: for each example a data row, a
 * training time, a base draw, its noisy point on the path, the regression target, the loss weight
 * and (for conditional models) the label, with label dropout to the null label.
 *
 * <p>The base draws are independent of the data rows unless the batch is coupled: with {@code
 * --coupling ot} they are drawn as before and then re-paired with the rows by the batch's exact
 * optimal assignment ({@link OptimalCoupling}); with paired base points (reflow) each row brings
 * its own base point and nothing is drawn for it.
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
  private final boolean optimalTransport;
  private final Points pairedBase;
  private final double[] points;
  private final double[] bases;
  private final TimeSampler.Draw[] draws;
  private final Targets targets;

  /**
   * Makes a batch's times, noisy points and targets from its data rows and base draws, in place of
   * the path's own (progressive distillation's teacher targets).
   */
  public interface Targets {
    /**
     * Fills {@code batch}'s {@code noisy}, {@code target}, {@code networkTimes} and {@code
     * lossWeights} from the rows' data points and base draws (each size × dim), drawing any time
     * from {@code rng}.
     */
    void fill(double[] points, double[] bases, TrainingBatch batch, Random rng);
  }

  TrainingBatch(int size, int dim, boolean labelled) {
    this(size, dim, labelled, false, null);
  }

  TrainingBatch(int size, int dim, boolean labelled, boolean optimalTransport, Points pairedBase) {
    this(size, dim, labelled, optimalTransport, pairedBase, null);
  }

  /**
   * A batch whose base draws are re-paired by optimal transport ({@code optimalTransport}), or
   * taken from {@code pairedBase}'s row of each data row when it is not null; {@code targets}, when
   * not null, makes the noisy points and targets instead of the path.
   */
  TrainingBatch(
      int size,
      int dim,
      boolean labelled,
      boolean optimalTransport,
      Points pairedBase,
      Targets targets) {
    this.optimalTransport = optimalTransport;
    this.pairedBase = pairedBase;
    this.targets = targets;
    boolean coupled = optimalTransport || pairedBase != null || targets != null;
    points = coupled ? new double[size * dim] : null;
    bases = coupled ? new double[size * dim] : null;
    draws = coupled ? new TimeSampler.Draw[size] : null;
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
      if (pairedBase == null) {
        path.base().sample(base, 1, dim, rng);
      } else {
        for (int j = 0; j < dim; j++) {
          base[j] = pairedBase.get(row, j);
        }
      }
      for (int j = 0; j < dim; j++) {
        point[j] = data.get(row, j);
      }
      if (augmentation.enabled()) {
        augmentation.apply(point, rng);
      }
      if (points != null) {
        draws[i] = draw;
        System.arraycopy(point, 0, points, i * dim, dim);
        System.arraycopy(base, 0, bases, i * dim, dim);
        continue;
      }
      for (int j = 0; j < dim; j++) {
        noisy[i * dim + j] = (float) (draw.inputScale * (draw.a * point[j] + draw.b * base[j]));
        target[i * dim + j] = (float) (draw.dataWeight * point[j] + draw.noiseWeight * base[j]);
      }
    }
    if (targets != null) {
      targets.fill(points, bases, this, rng);
    } else if (points != null) {
      fillCoupled();
    }
  }

  /** The noisy points and targets of the stored rows and base points, re-paired if OT. */
  private void fillCoupled() {
    int[] pairing = optimalTransport ? OptimalCoupling.assign(points, bases, size, dim) : null;
    for (int i = 0; i < size; i++) {
      TimeSampler.Draw draw = draws[i];
      int from = (pairing == null ? i : pairing[i]) * dim;
      for (int j = 0; j < dim; j++) {
        double x = points[i * dim + j];
        double z = bases[from + j];
        noisy[i * dim + j] = (float) (draw.a * x + draw.b * z);
        target[i * dim + j] = (float) (draw.dataWeight * x + draw.noiseWeight * z);
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
