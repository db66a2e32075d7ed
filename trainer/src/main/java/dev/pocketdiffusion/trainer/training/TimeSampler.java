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
 * timestep k (0 … T−1), a continuous path's t in (0, 1), either uniformly or logit-normally (t =
 * sigmoid(N(0, 1)), Esser et al. 2024); the target weights; the loss weight; and the network's time
 * input (the model card's mapping, so training and sampling agree).
 *
 * <p>{@code euler:K} draws only the K times an Euler sampler of K steps evaluates the network at
 * (its own time grid, from {@link dev.pocketdiffusion.sampling.Samplers}): a student that is meant
 * to be sampled in K Euler steps learns the field exactly where it will be asked.
 *
 * <p>The loss weight of each time comes from {@link LossWeighting}.
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
    final float lossWeight;
    final float networkTime;

    Draw(PathPoint p, Prediction prediction, float lossWeight, float networkTime) {
      this.a = p.a;
      this.b = p.b;
      this.dataWeight = prediction.targetWeightOfData(p);
      this.noiseWeight = prediction.targetWeightOfNoise(p);
      this.networkTime = networkTime;
      this.lossWeight = lossWeight;
    }
  }

  TimeSampler(AffinePath path, Prediction prediction, String timeSampling, String lossWeighting) {
    this.path = path;
    this.prediction = prediction;
    this.card = ModelCard.create(path, prediction, 1);
    this.weighting = LossWeighting.parse(lossWeighting);
    int eulerSteps = eulerSteps(timeSampling);
    this.logitNormal = eulerSteps == 0 && parseSampling(timeSampling);
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
          "--time-sampling must be uniform, logit-normal or euler:K, got '" + name + "'");
    }
    return name.equals("logit-normal");
  }

  /** Whether every draw's loss weight is 1. */
  boolean uniformWeights() {
    return weighting.uniform();
  }

  Draw draw(Random rng) {
    if (grid != null) {
      return grid[rng.nextInt(grid.length)];
    }
    double u = logitNormal ? 1 / (1 + Math.exp(-rng.nextGaussian())) : rng.nextDouble();
    if (discrete.length > 0) {
      return discrete[Math.min((int) (u * discrete.length), discrete.length - 1)];
    }
    return draw(Math.max(u, Double.MIN_NORMAL));
  }

  private Draw draw(double t) {
    PathPoint p = path.at(t);
    return new Draw(p, prediction, (float) weighting.weight(t, p, prediction), card.networkTime(t));
  }
}
