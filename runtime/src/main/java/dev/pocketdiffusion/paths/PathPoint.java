package dev.pocketdiffusion.paths;

/**
 * The coefficients of an affine path {@code x_t = a·x0 + b·x1} at one time {@code t}, with their
 * time derivatives {@code da = a'(t)} and {@code db = b'(t)}.
 */
public final class PathPoint {
  /** The time in [0, 1] (0 = data, 1 = base). */
  public final double t;

  /** Coefficient of the data point x0. */
  public final double a;

  /** Coefficient of the base sample x1 (the noise). */
  public final double b;

  /** a'(t). */
  public final double da;

  /** b'(t). */
  public final double db;

  /** Creates the coefficients at time {@code t}. */
  public PathPoint(double t, double a, double b, double da, double db) {
    this.t = t;
    this.a = a;
    this.b = b;
    this.da = da;
    this.db = db;
  }

  /**
   * The log signal-to-noise ratio λ = log(a²/b²), the variable of the ELBO's integral (Kingma et
   * al. 2021).
   */
  public double logSnr() {
    return 2 * (Math.log(a) - Math.log(b));
  }

  /** Half the log-SNR, log(a/b): the variable DPM-Solver's time grids are uniform in. */
  public double halfLogSnr() {
    return Math.log(a / b);
  }

  /**
   * Checks that {@code t} is a path time.
   *
   * @throws IllegalArgumentException unless {@code t} is in [0, 1]
   */
  public static void checkTime(double t) {
    if (!(t >= 0 && t <= 1)) {
      throw new IllegalArgumentException("path time must be in [0, 1], got " + t);
    }
  }

  @Override
  public String toString() {
    return "PathPoint{t=" + t + ", a=" + a + ", b=" + b + ", da=" + da + ", db=" + db + '}';
  }
}
