package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import java.util.Random;

/**
 * Draws the training time of each example and what the path says about it: a discrete path's
 * timestep k (0 … T−1), a continuous path's t in (0, 1), either uniformly or logit-normally (t =
 * sigmoid(N(0, 1)), Esser et al. 2024); the target weights; the loss weight; and the network's time
 * input (the model card's mapping, so training and sampling agree).
 *
 * <p>The loss weight of each time comes from {@link LossWeighting}.
 */
final class TimeSampler {
  private final AffinePath path;
  private final Prediction prediction;
  private final ModelCard card;
  private final boolean logitNormal;
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
    this.logitNormal = parseSampling(timeSampling);
    this.weighting = LossWeighting.parse(lossWeighting);
    int steps = path.numTimesteps();
    discrete = new Draw[steps];
    for (int k = 0; k < steps; k++) {
      double t = path.timeOfStep(k);
      discrete[k] = draw(t);
    }
  }

  private static boolean parseSampling(String name) {
    if (!name.equals("uniform") && !name.equals("logit-normal")) {
      throw new IllegalArgumentException(
          "--time-sampling must be uniform or logit-normal, got '" + name + "'");
    }
    return name.equals("logit-normal");
  }

  /** Whether every draw's loss weight is 1. */
  boolean uniformWeights() {
    return weighting.uniform();
  }

  Draw draw(Random rng) {
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
