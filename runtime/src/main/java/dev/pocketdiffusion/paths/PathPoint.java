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

  @Override
  public String toString() {
    return "PathPoint{t=" + t + ", a=" + a + ", b=" + b + ", da=" + da + ", db=" + db + '}';
  }
}
