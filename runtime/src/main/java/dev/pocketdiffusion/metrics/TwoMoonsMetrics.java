package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;

/**
 * The three sample-quality scores of the Two Moons Diffusion write-up, each lower-is-better, and
 * their mean: the share of far-off generated points, the 2-D histogram MSE and the k-means shape
 * score.
 */
public final class TwoMoonsMetrics {
  /** A generated point farther than this from every real point counts as far off. */
  static final double DISTANCE_THRESHOLD = 0.02;

  /** Bins per axis of the 2-D histograms. */
  static final int HISTOGRAM_BINS = 50;

  /** Clusters of the k-means behind the shape score. */
  static final int SHAPE_CLUSTERS = 2;

  private final double distance;
  private final double histogramMse;
  private final double shape;

  private TwoMoonsMetrics(double distance, double histogramMse, double shape) {
    this.distance = distance;
    this.histogramMse = histogramMse;
    this.shape = shape;
  }

  /**
   * Computes the three scores for 2-D point sets; {@code seed} seeds the k-means++ initialisation.
   *
   * @throws IllegalArgumentException if a set is empty or holds non-finite coordinates, the points
   *     are not 2-D, or there are fewer than two generated points
   */
  public static TwoMoonsMetrics of(Points real, Points generated, long seed) {
    Inputs.requireComparable(real, "real", generated, "generated");
    if (real.dimension() != 2) {
      throw new IllegalArgumentException(
          "the Two Moons metrics need 2-D points, got dimension " + real.dimension());
    }
    Inputs.requireAtLeast(generated, SHAPE_CLUSTERS, "generated", "the k-means shape score");
    return new TwoMoonsMetrics(
        farShare(real, generated),
        HistogramMse.of(real, generated, HISTOGRAM_BINS),
        1 - KMeansSilhouette.score(generated, SHAPE_CLUSTERS, seed));
  }

  /** Share of generated points farther than 0.02 from every real point (lower is better). */
  public double distance() {
    return distance;
  }

  /**
   * Mean squared difference of the real and generated 50 × 50 normalised histograms (shares of
   * points per cell) over the union bounding box. Far outliers widen the box and lower it; read it
   * beside MMD² and precision/recall.
   */
  public double histogramMse() {
    return histogramMse;
  }

  /** 1 − mean silhouette score of 2-means on the generated points (lower is better). */
  public double shape() {
    return shape;
  }

  /** The mean of {@link #distance()}, {@link #histogramMse()} and {@link #shape()}. */
  public double mean() {
    return (distance + histogramMse + shape) / 3;
  }

  /** Share of generated points farther than {@link #DISTANCE_THRESHOLD} from every real point. */
  private static double farShare(Points real, Points generated) {
    double threshold = DISTANCE_THRESHOLD * DISTANCE_THRESHOLD;
    int far = 0;
    for (int g = 0; g < generated.size(); g++) {
      boolean near = false;
      for (int r = 0; r < real.size() && !near; r++) {
        near = generated.squaredDistance(g, real, r) <= threshold;
      }
      if (!near) {
        far++;
      }
    }
    return far / (double) generated.size();
  }
}
