package dev.pocketdiffusion.paths;

/**
 * The variance-preserving (DDPM) process: {@code a = √ᾱ(t)}, {@code b = √(1 − ᾱ(t))} with a base of
 * N(0, I). ᾱ comes from a discrete β schedule of T steps; timestep {@code k} sits at {@code t = (k
 * + 1)/T} and {@code t = 0} is clean data (ᾱ = 1). Between grid points log ᾱ is interpolated
 * linearly in t, so continuous-time solvers see the same process the network was trained on.
 */
public final class VpPath implements AffinePath {
  private final VpSchedule schedule;
  private final double betaStart;
  private final double betaEnd;

  /** log ᾱ at t = j/T for j = 0 … T (index 0 is clean data, log ᾱ = 0). */
  private final double[] logAlphaBar;

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
    double slope = (logAlphaBar[j + 1] - logAlphaBar[j]) * steps; // d log ᾱ / dt on this segment
    double logAb = logAlphaBar[j] + (u - j) * (logAlphaBar[j + 1] - logAlphaBar[j]);
    double alphaBar = Math.exp(logAb);
    double a = Math.sqrt(alphaBar);
    double b = Math.sqrt(-Math.expm1(logAb));
    double dAlphaBar = alphaBar * slope;
    double da = a * slope / 2;
    double db = b > 0 ? -dAlphaBar / (2 * b) : Double.POSITIVE_INFINITY;
    return new PathPoint(t, a, b, da, db);
  }
}
