package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.RungeKuttaSampler;
import dev.pocketdiffusion.sampling.Samplers;
import java.util.Random;

/**
 * Draws the training time of each example and what the path says about it: a discrete path's
 * timestep k (0 … T−1), a continuous path's t in (0, 1), either uniformly, logit-normally (t =
 * sigmoid(N(0, 1)), Esser et al. 2024) or with a log-normal noise level σ = b/a (ln σ ~ N(P_mean,
 * P_std²), EDM's training distribution: the time whose σ is nearest, within the path's range); the
 * target weights; the input scale; the loss weight; and the network's time input (the model card's
 * mapping, so training and sampling agree).
 *
 * <p>{@code euler:K} draws only the K times an Euler sampler of K steps evaluates the network at
 * (its own time grid, from {@link dev.pocketdiffusion.sampling.Samplers}): a student that is meant
 * to be sampled in K Euler steps learns the field exactly where it will be asked.
 *
 * <p>The loss weight of each time comes from {@link LossWeighting}; with {@link EdmPreconditioning}
 * the target and input scale are those of its F and the weight is 1.
 */
final class TimeSampler {
  private final AffinePath path;
  private final Prediction prediction;
  private final ModelCard card;
  private final boolean logitNormal;
  private final Draw[] grid;
  private final LossWeighting weighting;
  private final Draw[] discrete;

  /** One drawn time: the path coefficients, target weights, loss weight and network time input. */
  static final class Draw {
    final double a;
    final double b;
    final double dataWeight;
    final double noiseWeight;
    final double inputScale;
    final float lossWeight;
    final float networkTime;

    Draw(PathPoint p, Prediction prediction, float lossWeight, float networkTime) {
      this.a = p.a;
      this.b = p.b;
      this.dataWeight = prediction.targetWeightOfData(p);
      this.noiseWeight = prediction.targetWeightOfNoise(p);
      this.inputScale = 1;
      this.networkTime = networkTime;
      this.lossWeight = lossWeight;
    }

    Draw(PathPoint p, EdmPreconditioning edm, float networkTime) {
      this.a = p.a;
      this.b = p.b;
      this.dataWeight = edm.targetWeightOfData(p);
      this.noiseWeight = edm.targetWeightOfNoise(p);
      this.inputScale = edm.inputScale(p);
      this.networkTime = networkTime;
      this.lossWeight = 1;
    }
  }

  /** What {@code --time-sampling} accepts. */
  static final String FORMS =
      "uniform, logit-normal, euler:K, or edm / edm:P_MEAN,P_STD (ln σ ~ N(P_mean, P_std²); edm ="
          + " -1.2,1.2)";

  private static final int SIGMA_GRID = 4096;

  private final EdmPreconditioning edm;
  private final double[] sigmaLogNormal; // {P_mean, P_std}, or null
  private final double[] gridLogSigma; // ln σ at the discrete steps or at t = i/SIGMA_GRID

  TimeSampler(AffinePath path, Prediction prediction, String timeSampling, String lossWeighting) {
    this(path, prediction, timeSampling, lossWeighting, null);
  }

  /**
   * A sampler whose draws train {@code edm}'s F when it is not null.
   *
   * @throws IllegalArgumentException for a bad time sampling or loss weighting, or a loss weighting
   *     beside the preconditioning's own
   */
  TimeSampler(
      AffinePath path,
      Prediction prediction,
      String timeSampling,
      String lossWeighting,
      EdmPreconditioning edm) {
    this.path = path;
    this.prediction = prediction;
    this.card = ModelCard.create(path, prediction, 1);
    this.edm = edm;
    this.weighting = LossWeighting.parse(lossWeighting);
    if (edm != null && !weighting.uniform()) {
      throw new IllegalArgumentException(
          "--preconditioning edm brings its own loss weighting (EDM's λ(σ)); drop --loss-weighting");
    }
    int eulerSteps = eulerSteps(timeSampling);
    this.sigmaLogNormal = eulerSteps == 0 ? parseLogNormal(timeSampling) : null;
    this.logitNormal = eulerSteps == 0 && sigmaLogNormal == null && parseSampling(timeSampling);
    if (eulerSteps > 0) {
      double[] times = ((RungeKuttaSampler) Samplers.create("euler", eulerSteps)).times(path);
      grid = new Draw[eulerSteps];
      for (int i = 0; i < eulerSteps; i++) {
        grid[i] = draw(times[i]);
      }
    } else {
      grid = null;
    }
    int steps = path.numTimesteps();
    discrete = new Draw[steps];
    for (int k = 0; k < steps; k++) {
      double t = path.timeOfStep(k);
      discrete[k] = draw(t);
    }
    if (sigmaLogNormal == null) {
      gridLogSigma = null;
    } else {
      int n = steps > 0 ? steps : SIGMA_GRID + 1;
      gridLogSigma = new double[n];
      for (int i = 0; i < n; i++) {
        PathPoint p = steps > 0 ? path.at(path.timeOfStep(i)) : path.at(i / (double) SIGMA_GRID);
        gridLogSigma[i] = Math.log(p.b) - Math.log(p.a);
        if (i > 0 && !(gridLogSigma[i] > gridLogSigma[i - 1])) {
          throw new IllegalArgumentException(
              "--time-sampling edm needs a noise level b/a that rises with t");
        }
      }
    }
  }

  /** K of {@code euler:K}, or 0 for another sampling. */
  static int eulerSteps(String name) {
    if (!name.startsWith(EULER_PREFIX)) {
      return 0;
    }
    String k = name.substring(EULER_PREFIX.length());
    int steps;
    try {
      steps = Integer.parseInt(k);
    } catch (NumberFormatException e) {
      steps = -1;
    }
    if (steps < 1 || steps > MAX_EULER_STEPS) {
      throw new IllegalArgumentException(
          "--time-sampling euler:K needs K in 1.." + MAX_EULER_STEPS + ", got '" + k + "'");
    }
    return steps;
  }

  private static final String EULER_PREFIX = "euler:";
  private static final int MAX_EULER_STEPS = 1000;

  private static boolean parseSampling(String name) {
    if (!name.equals("uniform") && !name.equals("logit-normal")) {
      throw new IllegalArgumentException(
          "--time-sampling must be " + FORMS + ", got '" + name + "'");
    }
    return name.equals("logit-normal");
  }

  /** {P_mean, P_std} of {@code edm[:P_MEAN,P_STD]}, or null for another form. */
  private static double[] parseLogNormal(String name) {
    if (name.equals("edm")) {
      return new double[] {-1.2, 1.2};
    }
    if (!name.startsWith("edm:")) {
      return null;
    }
    String[] parts = name.substring("edm:".length()).split(",", -1);
    double mean = Double.NaN;
    double std = Double.NaN;
    if (parts.length == 2) {
      try {
        mean = Double.parseDouble(parts[0]);
        std = Double.parseDouble(parts[1]);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    if (!(Double.isFinite(mean) && std > 0 && std < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "--time-sampling must be " + FORMS + " with P_STD > 0, got '" + name + "'");
    }
    return new double[] {mean, std};
  }

  /** Whether every draw's loss weight is 1. */
  boolean uniformWeights() {
    return weighting.uniform();
  }

  Draw draw(Random rng) {
    if (grid != null) {
      return grid[rng.nextInt(grid.length)];
    }
    if (sigmaLogNormal != null) {
      return drawLogNormal(sigmaLogNormal[0] + sigmaLogNormal[1] * rng.nextGaussian());
    }
    double u = logitNormal ? 1 / (1 + Math.exp(-rng.nextGaussian())) : rng.nextDouble();
    if (discrete.length > 0) {
      return discrete[Math.min((int) (u * discrete.length), discrete.length - 1)];
    }
    return draw(Math.max(u, Double.MIN_NORMAL));
  }

  /** The draw whose ln σ is nearest {@code logSigma}, the path's range clamping it. */
  private Draw drawLogNormal(double logSigma) {
    int n = gridLogSigma.length;
    int hi = java.util.Arrays.binarySearch(gridLogSigma, logSigma);
    if (hi < 0) {
      hi = -hi - 1;
    }
    if (discrete.length > 0) {
      int k =
          hi >= n || (hi > 0 && logSigma - gridLogSigma[hi - 1] < gridLogSigma[hi] - logSigma)
              ? hi - 1
              : hi;
      return discrete[Math.max(k, 0)];
    }
    if (hi == 0) {
      return draw(Double.MIN_NORMAL);
    }
    if (hi >= n) {
      return draw(1.0);
    }
    double lo = gridLogSigma[hi - 1];
    if (lo == Double.NEGATIVE_INFINITY) { // σ = 0 at t = 0: the first interval's far end
      return draw(hi / (double) SIGMA_GRID);
    }
    double f = (logSigma - lo) / (gridLogSigma[hi] - lo);
    return draw(Math.min(1.0, (hi - 1 + f) / SIGMA_GRID));
  }

  private Draw draw(double t) {
    PathPoint p = path.at(t);
    if (edm != null) {
      return new Draw(p, edm, card.networkTime(t));
    }
    return new Draw(p, prediction, (float) weighting.weight(t, p, prediction), card.networkTime(t));
  }
}
