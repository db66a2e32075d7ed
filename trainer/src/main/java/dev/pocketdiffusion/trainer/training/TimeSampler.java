package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import java.util.Random;

/**
 * Draws the training time of each example and what the path says about it: a discrete path's
 * timestep k uniform in 0 … T−1 (coefficients precomputed), a continuous path's t uniform in
 * (0, 1). The network's time input is the model card's mapping of t, so training and sampling agree.
 */
final class TimeSampler {
  private final AffinePath path;
  private final Prediction prediction;
  private final ModelCard card;
  private final Draw[] discrete;

  /** One drawn time: the path coefficients, target weights and the network's time input. */
  static final class Draw {
    final double a;
    final double b;
    final double dataWeight;
    final double noiseWeight;
    final float networkTime;

    Draw(PathPoint p, Prediction prediction, float networkTime) {
      this.a = p.a;
      this.b = p.b;
      this.dataWeight = prediction.targetWeightOfData(p);
      this.noiseWeight = prediction.targetWeightOfNoise(p);
      this.networkTime = networkTime;
    }
  }

  TimeSampler(AffinePath path, Prediction prediction) {
    this.path = path;
    this.prediction = prediction;
    this.card = ModelCard.create(path, prediction, 1);
    int steps = path.numTimesteps();
    discrete = new Draw[steps];
    for (int k = 0; k < steps; k++) {
      double t = path.timeOfStep(k);
      discrete[k] = new Draw(path.at(t), prediction, card.networkTime(t));
    }
  }

  Draw draw(Random rng) {
    if (discrete.length > 0) {
      return discrete[rng.nextInt(discrete.length)];
    }
    double t = Math.max(rng.nextDouble(), Double.MIN_NORMAL);
    return new Draw(path.at(t), prediction, card.networkTime(t));
  }
}
