package dev.pocketdiffusion.paths;

import dev.pocketdiffusion.CliNames;

/**
 * What a network predicts, and the closed-form conversions between predictions on an affine path
 * {@code x = a·x0 + b·x1}, {@code v = a'·x0 + b'·x1}. Every method works on one coordinate: given
 * the noisy value {@code x}, the network output {@code y} and the path coefficients, it returns the
 * implied clean value x0 or noise x1.
 */
public enum Prediction {
  /** The noise x1 (ε). */
  EPSILON {
    @Override
    public double x0(double x, double y, PathPoint p) {
      return (x - p.b * y) / p.a;
    }

    @Override
    public double noise(double x, double y, PathPoint p) {
      return y;
    }

    @Override
    public double targetWeightOfData(PathPoint p) {
      return 0;
    }

    @Override
    public double targetWeightOfNoise(PathPoint p) {
      return 1;
    }
  },
  /** The clean data point x0. */
  X0 {
    @Override
    public double x0(double x, double y, PathPoint p) {
      return y;
    }

    @Override
    public double noise(double x, double y, PathPoint p) {
      return (x - p.a * y) / p.b;
    }

    @Override
    public double targetWeightOfData(PathPoint p) {
      return 1;
    }

    @Override
    public double targetWeightOfNoise(PathPoint p) {
      return 0;
    }
  },
  /** The path velocity dx_t/dt = a'·x0 + b'·x1 (for flow matching: x1 − x0). */
  VELOCITY {
    @Override
    public double x0(double x, double y, PathPoint p) {
      return (p.db * x - p.b * y) / determinant(p);
    }

    @Override
    public double noise(double x, double y, PathPoint p) {
      return (p.a * y - p.da * x) / determinant(p);
    }

    @Override
    public double targetWeightOfData(PathPoint p) {
      return p.da;
    }

    @Override
    public double targetWeightOfNoise(PathPoint p) {
      return p.db;
    }
  };

  private static double determinant(PathPoint p) {
    return p.a * p.db - p.b * p.da;
  }

  /** The clean point x0 implied by output {@code y} at noisy value {@code x}. */
  public abstract double x0(double x, double y, PathPoint p);

  /** The base sample x1 (noise) implied by output {@code y} at noisy value {@code x}. */
  public abstract double noise(double x, double y, PathPoint p);

  /** The velocity a'·x0 + b'·x1 implied by output {@code y} at noisy value {@code x}. */
  public double velocity(double x, double y, PathPoint p) {
    return p.da * x0(x, y, p) + p.db * noise(x, y, p);
  }

  /**
   * How much this prediction moves per unit change of the implied x0 at a fixed noisy x: −a/b for
   * ε, 1 for x0, a' − a·b'/b for velocity. A squared error in this prediction is this factor
   * squared times the squared error in x0, which is what loss weightings are defined on.
   */
  public double dataSensitivity(PathPoint p) {
    switch (this) {
      case EPSILON:
        return -p.a / p.b;
      case X0:
        return 1;
      default:
        return p.da - p.a * p.db / p.b;
    }
  }

  /** Weight w0 of the training target {@code w0·x0 + w1·x1}. */
  public abstract double targetWeightOfData(PathPoint p);

  /** Weight w1 of the training target {@code w0·x0 + w1·x1}. */
  public abstract double targetWeightOfNoise(PathPoint p);

  /**
   * Checks that a network with this prediction can be sampled on {@code path}: ε cannot where a(1)
   * = 0 (flow), as x̂0 = (x − b·ε̂)/a is undefined where sampling starts.
   *
   * @throws IllegalArgumentException naming the problem and the fix
   */
  public void checkSamplableOn(AffinePath path) {
    if (this == EPSILON && path.at(1.0).a == 0) {
      throw new IllegalArgumentException(
          "epsilon prediction cannot be sampled on the "
              + path.process()
              + " path: "
              + "a(1) = 0 there, so x̂0 = (x − b·ε̂)/a is undefined at the start; train with --prediction velocity or x0");
    }
  }

  /** The name used on the command line and in model cards. */
  public String cliName() {
    return CliNames.of(this);
  }

  /** Parses {@code epsilon}, {@code x0} or {@code velocity}. */
  public static Prediction parse(String name) {
    return CliNames.parse(Prediction.class, name, "prediction");
  }
}
