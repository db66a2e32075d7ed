package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.Locale;
import java.util.Random;

/**
 * The share of each class in a conditional model's training set ({@code --class-weights 1,1,1,3}),
 * in place of the dataset's own mix: a class that is harder to learn gets more of every batch, as
 * PyTorch's {@code WeightedRandomSampler} does. Each point's class is drawn with these weights and
 * its coordinates from that class alone, so every class keeps its own distribution.
 */
public final class ClassWeights {
  private final double[] shares;

  private ClassWeights(double[] shares) {
    this.shares = shares;
  }

  /**
   * Parses a comma list of positive numbers, one per class, e.g. {@code 1,1,1,3}.
   *
   * @throws IllegalArgumentException naming the option for a malformed or non-positive weight
   */
  public static ClassWeights parse(String list) {
    String[] parts = list.split(",", -1);
    double[] weights = new double[parts.length];
    double total = 0;
    for (int k = 0; k < parts.length; k++) {
      try {
        weights[k] = Double.parseDouble(parts[k].trim());
      } catch (NumberFormatException e) {
        weights[k] = Double.NaN;
      }
      if (!(weights[k] > 0) || Double.isInfinite(weights[k])) {
        throw new IllegalArgumentException(
            "--class-weights takes a comma list of positive numbers, one per class (e.g."
                + " 1,1,1,3), got '"
                + list
                + "'");
      }
      total += weights[k];
    }
    for (int k = 0; k < weights.length; k++) {
      weights[k] /= total;
    }
    return new ClassWeights(weights);
  }

  /** Each class's share of the points, summing to 1. */
  public double[] shares() {
    return shares.clone();
  }

  /**
   * Draws {@code n} points of {@code dataset} with these class shares and writes each point's label
   * into {@code labels}; the same seed gives the same points.
   *
   * @throws IllegalArgumentException when the weights are not one per class of the dataset
   */
  public Points sample(LabelledDataset dataset, int n, long seed, long[] labels) {
    int classes = dataset.classNames().size();
    if (shares.length != classes) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--class-weights gives %d weights but %s has %d classes (%s): give one per class",
              shares.length,
              dataset.cliName(),
              classes,
              String.join(", ", dataset.classNames())));
    }
    Random rng = new Random(seed);
    int[] counts = new int[classes];
    for (int i = 0; i < n; i++) {
      labels[i] = pick(rng.nextDouble());
      counts[(int) labels[i]]++;
    }
    Points[] drawn = new Points[classes];
    for (int k = 0; k < classes; k++) {
      if (counts[k] > 0) {
        drawn[k] = dataset.sampleClass(k, counts[k], seed * 31 + k + 1);
        if (drawn[k].size() < counts[k]) {
          throw new IllegalArgumentException(
              "class " + k + " of " + dataset.cliName() + " is too rare to weight this heavily");
        }
      }
    }
    int dim = drawnDimension(drawn);
    int[] used = new int[classes];
    double[] data = new double[dim * n];
    for (int i = 0; i < n; i++) {
      int k = (int) labels[i];
      for (int d = 0; d < dim; d++) {
        data[dim * i + d] = drawn[k].get(used[k], d);
      }
      used[k]++;
    }
    return new Points(n, dim, data);
  }

  private int pick(double u) {
    double cumulative = 0;
    for (int k = 0; k < shares.length - 1; k++) {
      cumulative += shares[k];
      if (u < cumulative) {
        return k;
      }
    }
    return shares.length - 1;
  }

  private static int drawnDimension(Points[] drawn) {
    for (Points p : drawn) {
      if (p != null) {
        return p.dimension();
      }
    }
    return 0;
  }
}
