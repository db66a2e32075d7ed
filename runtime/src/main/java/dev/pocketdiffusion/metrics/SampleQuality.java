package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every sample-quality metric of a generated point set against a real one. */
public final class SampleQuality {
  /** Neighbours behind the precision/recall radii ({@code runtime frontier} scores with it too). */
  public static final int PRECISION_RECALL_K = 3;

  private final double mmd2;
  private final double energyDistance;
  private final PrecisionRecall precisionRecall;
  private final TwoMoonsMetrics twoMoons;
  private final int realPoints;
  private final int generatedPoints;

  private SampleQuality(
      double mmd2,
      double energyDistance,
      PrecisionRecall precisionRecall,
      TwoMoonsMetrics twoMoons,
      int realPoints,
      int generatedPoints) {
    this.mmd2 = mmd2;
    this.energyDistance = energyDistance;
    this.precisionRecall = precisionRecall;
    this.twoMoons = twoMoons;
    this.realPoints = realPoints;
    this.generatedPoints = generatedPoints;
  }

  /**
   * Computes all metrics; {@code seed} seeds the k-means of the shape score, everything else is
   * deterministic.
   *
   * @throws IllegalArgumentException if a set is empty or holds non-finite coordinates, the
   *     dimensions differ, the points are not 2-D, or a set has at most 3 points
   */
  public static SampleQuality evaluate(Points real, Points generated, long seed) {
    Inputs.requireComparable(real, "real", generated, "generated");
    TwoMoonsMetrics twoMoons = TwoMoonsMetrics.of(real, generated, seed);
    PrecisionRecall precisionRecall = PrecisionRecall.knn(real, generated, PRECISION_RECALL_K);
    return new SampleQuality(
        Mmd.rbfSquared(real, generated),
        EnergyDistance.of(real, generated),
        precisionRecall,
        twoMoons,
        real.size(),
        generated.size());
  }

  /** Unbiased RBF MMD² with the median-heuristic bandwidth (see {@link Mmd#rbfSquared}). */
  public double mmd2() {
    return mmd2;
  }

  /** Energy distance, V-statistic (see {@link EnergyDistance#of}). */
  public double energyDistance() {
    return energyDistance;
  }

  /** Improved precision with k = 3 (see {@link PrecisionRecall}). */
  public double precision() {
    return precisionRecall.precision();
  }

  /** Improved recall with k = 3 (see {@link PrecisionRecall}). */
  public double recall() {
    return precisionRecall.recall();
  }

  /** The Two Moons Diffusion write-up's three scores. */
  public TwoMoonsMetrics twoMoons() {
    return twoMoons;
  }

  /**
   * All values in a fixed order: {@code mmd2, energy_distance, precision, recall, distance,
   * histogram_mse, shape, two_moons_mean, real_points, generated_points}.
   */
  public Map<String, Double> asMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("mmd2", mmd2);
    map.put("energy_distance", energyDistance);
    map.put("precision", precision());
    map.put("recall", recall());
    map.put("distance", twoMoons.distance());
    map.put("histogram_mse", twoMoons.histogramMse());
    map.put("shape", twoMoons.shape());
    map.put("two_moons_mean", twoMoons.mean());
    map.put("real_points", (double) realPoints);
    map.put("generated_points", (double) generatedPoints);
    return map;
  }

  /** The values of {@link #asMap()}, for logs. */
  @Override
  public String toString() {
    return "SampleQuality" + asMap();
  }
}
