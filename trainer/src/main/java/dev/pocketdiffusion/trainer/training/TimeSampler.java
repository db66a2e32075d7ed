package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import java.util.Random;

/**
 * Draws the training time of each example and what the path says about it: a discrete path's
 * timestep k (0 … T−1), a continuous path's t in (0, 1), either uniformly or logit-normally
 * (t = sigmoid(N(0, 1)), Esser et al. 2024); the target weights; the loss weight; and the
 * network's time input (the model card's mapping, so training and sampling agree).
 *
 * <p>Loss weights are defined on the error in x0: {@code min-snr:γ} gives x0-errors the weight
 * min(SNR, γ) with SNR = a²/b² (Hang et al. 2023); a prediction whose error is c times the
 * x0-error ({@link Prediction#dataSensitivity}) gets min(SNR, γ)/c², which is min(SNR, γ)/SNR for ε.
 */
final class TimeSampler {
  private final AffinePath path;
  private final Prediction prediction;
  private final ModelCard card;
  private final boolean logitNormal;
  private final double minSnrGamma;
  private final Draw[] discrete;

  /** One drawn time: the path coefficients, target weights, loss weight and network time input. */
  static final class Draw {
    final double a;
    final double b;
    final double dataWeight;
    final double noiseWeight;
    final float lossWeight;
    final float networkTime;

    Draw(PathPoint p, Prediction prediction, double minSnrGamma, float networkTime) {
      this.a = p.a;
      this.b = p.b;
      this.dataWeight = prediction.targetWeightOfData(p);
      this.noiseWeight = prediction.targetWeightOfNoise(p);
      this.networkTime = networkTime;
      if (minSnrGamma > 0) {
        double snr = (p.a * p.a) / (p.b * p.b);
        double c = prediction.dataSensitivity(p);
        this.lossWeight = (float) (Math.min(snr, minSnrGamma) / (c * c));
      } else {
        this.lossWeight = 1f;
      }
    }
  }

  TimeSampler(AffinePath path, Prediction prediction, String timeSampling, String lossWeighting) {
    this.path = path;
    this.prediction = prediction;
    this.card = ModelCard.create(path, prediction, 1);
    this.logitNormal = parseSampling(timeSampling);
    this.minSnrGamma = parseWeighting(lossWeighting);
    int steps = path.numTimesteps();
    discrete = new Draw[steps];
    for (int k = 0; k < steps; k++) {
      double t = path.timeOfStep(k);
      discrete[k] = new Draw(path.at(t), prediction, minSnrGamma, card.networkTime(t));
    }
  }

  private static boolean parseSampling(String name) {
    if (!name.equals("uniform") && !name.equals("logit-normal")) {
      throw new IllegalArgumentException("--time-sampling must be uniform or logit-normal, got '" + name + "'");
    }
    return name.equals("logit-normal");
  }

  /** γ of min-snr:γ, or 0 for no weighting. */
  static double parseWeighting(String name) {
    if (name.equals("none")) {
      return 0;
    }
    if (name.startsWith("min-snr:")) {
      try {
        double gamma = Double.parseDouble(name.substring(8));
        if (gamma > 0) {
          return gamma;
        }
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException("--loss-weighting must be none or min-snr:GAMMA with GAMMA > 0 (e.g. min-snr:5), got '" + name + "'");
  }

  Draw draw(Random rng) {
    double u = logitNormal ? 1 / (1 + Math.exp(-rng.nextGaussian())) : rng.nextDouble();
    if (discrete.length > 0) {
      return discrete[Math.min((int) (u * discrete.length), discrete.length - 1)];
    }
    double t = Math.max(u, Double.MIN_NORMAL);
    return new Draw(path.at(t), prediction, minSnrGamma, card.networkTime(t));
  }
}
