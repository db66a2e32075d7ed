package dev.pocketdiffusion.trainer.training;

import ai.djl.nn.Block;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.trainer.blocks.Preconditioned;

/**
 * EDM's preconditioning (Karras et al. 2022, table 1) on any affine path of the runtime: with σ =
 * b/a and the path's point x = a·(x0 + σ·n), the denoiser is {@code D = c_skip·x/a +
 * c_out·F(c_in·x/a, t)} with c_skip = σd²/(σ² + σd²), c_out = σ·σd/√(σ² + σd²), c_in = 1/√(σ² +
 * σd²). Written in a and b (R = √(b² + a²σd²)) every coefficient stays finite from σ = 0 to a = 0:
 * the input scale is 1/R, the skip σd²·a/R², the output scale b·σd/R, and F's regression target (x0
 * − c_skip·x/a)/c_out is (b/(σd·R))·x0 − (σd·a/R)·n. Regressing it with unit weight is EDM's loss
 * weighting λ(σ) = 1/c_out² on D. c_noise is the card's usual network time, so the time embedding
 * is unchanged.
 */
public final class EdmPreconditioning {
  /** What {@code --preconditioning} accepts. */
  public static final String FORMS = "none or edm";

  private final double sigmaData;

  /** Preconditioning for data of standard deviation {@code sigmaData} (σd > 0). */
  public EdmPreconditioning(double sigmaData) {
    if (!(sigmaData > 0 && sigmaData < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("sigma_data must be positive, got " + sigmaData);
    }
    this.sigmaData = sigmaData;
  }

  /**
   * The preconditioning {@code config} asks for, or null for none; an unset σd (0) stands for 1
   * until the data sets it.
   *
   * @throws IllegalArgumentException for an unknown {@code --preconditioning}
   */
  public static EdmPreconditioning of(TrainingConfig config) {
    switch (config.preconditioning) {
      case "none":
        return null;
      case "edm":
        return new EdmPreconditioning(config.sigmaData > 0 ? config.sigmaData : 1);
      default:
        throw new IllegalArgumentException(
            "--preconditioning must be " + FORMS + ", got '" + config.preconditioning + "'");
    }
  }

  /** EDM's σd of {@code data}: the standard deviation of all its coordinates pooled. */
  public static double sigmaDataOf(Points data) {
    int n = data.size();
    int dim = data.dimension();
    double sumSquares = 0;
    for (int j = 0; j < dim; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += data.get(i, j);
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        double d = data.get(i, j) - mean;
        sumSquares += d * d;
      }
    }
    return Math.sqrt(sumSquares / ((double) n * dim));
  }

  /** σd. */
  public double sigmaData() {
    return sigmaData;
  }

  private double r(PathPoint p) {
    return Math.sqrt(p.b * p.b + p.a * p.a * sigmaData * sigmaData);
  }

  /** The scale of the path point x that F sees: c_in/a. */
  double inputScale(PathPoint p) {
    return 1 / r(p);
  }

  /** The scale of x in D: c_skip/a. */
  double skip(PathPoint p) {
    double r = r(p);
    return sigmaData * sigmaData * p.a / (r * r);
  }

  /** The scale of F in D: c_out. */
  double outputScale(PathPoint p) {
    return p.b * sigmaData / r(p);
  }

  /** The weight of x0 in F's target. */
  double targetWeightOfData(PathPoint p) {
    return p.b / (sigmaData * r(p));
  }

  /** The weight of the base sample in F's target. */
  double targetWeightOfNoise(PathPoint p) {
    return -sigmaData * p.a / r(p);
  }

  /**
   * Wraps the trained F as the denoiser D that is exported: its coefficients tabulated at the path
   * times i/G (G = the path's timesteps, or 1000 for a continuous path, so a discrete path's steps
   * fall on the grid) and mapped to the network time input as {@code card} maps them.
   */
  public Block wrap(Block network, AffinePath path, ModelCard card) {
    int grid = path.numTimesteps() > 0 ? path.numTimesteps() : 1000;
    float[][] table = new float[3][grid + 1];
    for (int i = 0; i <= grid; i++) {
      PathPoint p = path.at(i / (double) grid);
      table[0][i] = (float) skip(p);
      table[1][i] = (float) outputScale(p);
      table[2][i] = (float) inputScale(p);
    }
    return new Preconditioned(network, table, card.networkTime(0), card.networkTime(1));
  }
}
