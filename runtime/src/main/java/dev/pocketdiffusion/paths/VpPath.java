package dev.pocketdiffusion.paths;

/**
 * The variance-preserving (DDPM) process: {@code a = √ᾱ(t)}, {@code b = √(1 − ᾱ(t))} with a base of
 * N(0, I). ᾱ comes from a discrete β schedule of T steps; timestep {@code k} sits at {@code t = (k
 * + 1)/T} and {@code t = 0} is clean data (ᾱ = 1). Between grid points log ᾱ is the natural cubic
 * spline in t through the table: exact at the T training times, and smooth (continuous second
 * derivative), so continuous-time solvers keep their order and a velocity model's output is
 * unambiguous at every time. A segment on which the spline would not fall strictly (only short
 * tables with fast-growing β: the first segments of linear with T ≤ 20) stays linear there.
 */
public final class VpPath implements AffinePath {
  private final VpSchedule schedule;
  private final double betaStart;
  private final double betaEnd;

  /** log ᾱ at t = j/T for j = 0 … T (index 0 is clean data, log ᾱ = 0). */
  private final double[] logAlphaBar;

  /** The spline's second derivatives of log ᾱ in u = t·T at the knots, divided by 6. */
  private final double[] curvature;

  /** Segments where log ᾱ is linear because the spline would not fall strictly. */
  private final boolean[] linear;

  /** Default β range of the linear schedule (Ho et al. 2020). */
  public static final double DEFAULT_BETA_START = 1e-4;

  /** Default β range of the linear schedule (Ho et al. 2020). */
  public static final double DEFAULT_BETA_END = 0.02;

  /**
   * Creates the path; {@code betaStart}/{@code betaEnd} matter for {@link VpSchedule#LINEAR} only.
   */
  public VpPath(VpSchedule schedule, int numTimesteps, double betaStart, double betaEnd) {
    if (numTimesteps < 1) {
      throw new IllegalArgumentException("vp path needs at least 1 timestep, got " + numTimesteps);
    }
    if (!(betaStart > 0 && betaEnd >= betaStart && betaEnd < 1)) {
      throw new IllegalArgumentException(
          "vp path needs 0 < beta_start <= beta_end < 1, got " + betaStart + ", " + betaEnd);
    }
    this.schedule = schedule;
    this.betaStart = betaStart;
    this.betaEnd = betaEnd;
    double[] betas = schedule.betas(numTimesteps, betaStart, betaEnd);
    logAlphaBar = new double[numTimesteps + 1];
    for (int k = 0; k < numTimesteps; k++) {
      logAlphaBar[k + 1] = logAlphaBar[k] + Math.log1p(-betas[k]);
    }
    curvature = naturalSplineCurvature(logAlphaBar);
    linear = new boolean[numTimesteps];
    for (int j = 0; j < numTimesteps; j++) {
      linear[j] = !(slope(j, 0) < 0 && slope(j, 1) < 0 && slope(j, vertex(j)) < 0);
    }
  }

  /** Where in segment j the spline's slope, a quadratic in s, has its extremum (clamped). */
  private double vertex(int j) {
    double quadratic = 3 * (curvature[j + 1] - curvature[j]);
    double linearTerm = 6 * curvature[j];
    return quadratic == 0 ? 0 : Math.min(1, Math.max(0, -linearTerm / (2 * quadratic)));
  }

  /** d log ᾱ / du of the spline on segment j at fraction s of the segment. */
  private double slope(int j, double s) {
    double r = 1 - s;
    return logAlphaBar[j + 1]
        - logAlphaBar[j]
        - (3 * r * r - 1) * curvature[j]
        + (3 * s * s - 1) * curvature[j + 1];
  }

  /**
   * Second derivatives, over 6, of the natural cubic spline through {@code y} at unit-spaced knots:
   * the tridiagonal system {@code M[j−1] + 4·M[j] + M[j+1] = 6·(y[j+1] − 2·y[j] + y[j−1])}, M = 0
   * at both ends, solved by the Thomas algorithm.
   */
  private static double[] naturalSplineCurvature(double[] y) {
    int last = y.length - 1;
    double[] m = new double[y.length];
    double[] upper = new double[y.length];
    double[] rhs = new double[y.length];
    for (int j = 1; j < last; j++) {
      double pivot = 4 - (j > 1 ? upper[j - 1] : 0);
      upper[j] = 1 / pivot;
      rhs[j] = (6 * (y[j + 1] - 2 * y[j] + y[j - 1]) - (j > 1 ? rhs[j - 1] : 0)) / pivot;
    }
    for (int j = last - 1; j >= 1; j--) {
      m[j] = rhs[j] - upper[j] * m[j + 1];
    }
    for (int j = 0; j <= last; j++) {
      m[j] /= 6;
    }
    return m;
  }

  /** The path with the default linear β range. */
  public static VpPath of(VpSchedule schedule, int numTimesteps) {
    return new VpPath(schedule, numTimesteps, DEFAULT_BETA_START, DEFAULT_BETA_END);
  }

  @Override
  public NoiseProcess process() {
    return NoiseProcess.VP;
  }

  /** The β schedule. */
  public VpSchedule schedule() {
    return schedule;
  }

  /** β at the first step (linear schedule). */
  public double betaStart() {
    return betaStart;
  }

  /** β at the last step (linear schedule). */
  public double betaEnd() {
    return betaEnd;
  }

  @Override
  public BaseDistribution base() {
    return BaseDistribution.GAUSSIAN;
  }

  @Override
  public int numTimesteps() {
    return logAlphaBar.length - 1;
  }

  /** ᾱ of discrete timestep {@code k} (0-based). */
  public double alphaBar(int k) {
    return Math.exp(logAlphaBar[k + 1]);
  }

  @Override
  public PathPoint at(double t) {
    PathPoint.checkTime(t);
    int steps = numTimesteps();
    double u = t * steps;
    int j = Math.min((int) Math.floor(u), steps - 1);
    double s = u - j;
    double r = 1 - s;
    double logAb = r * logAlphaBar[j] + s * logAlphaBar[j + 1];
    double slope = (logAlphaBar[j + 1] - logAlphaBar[j]) * steps; // d log ᾱ / dt
    if (!linear[j]) {
      logAb += (r * r * r - r) * curvature[j] + (s * s * s - s) * curvature[j + 1];
      slope = slope(j, s) * steps;
    }
    double alphaBar = Math.exp(logAb);
    double a = Math.sqrt(alphaBar);
    double b = Math.sqrt(-Math.expm1(logAb));
    double dAlphaBar = alphaBar * slope;
    double da = a * slope / 2;
    double db = b > 0 ? -dAlphaBar / (2 * b) : Double.POSITIVE_INFINITY;
    return new PathPoint(t, a, b, da, db);
  }
}
