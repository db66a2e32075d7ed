package dev.pocketdiffusion.paths;

/**
 * The variance-exploding process: {@code x_t = x0 + σ(t)·x1} with x1 ~ N(0, I) (a = 1, b = σ), in
 * continuous time. Sampling starts from σ(1)·N(0, I), which assumes σ(1) dominates the data's
 * scale.
 */
public final class VePath implements AffinePath {
  /** Default σmin of the geometric schedule. */
  public static final double DEFAULT_SIGMA_MIN = 0.01;

  /** Default σmax of the geometric schedule. */
  public static final double DEFAULT_SIGMA_MAX = 10;

  private final VeSchedule schedule;
  private final double sigmaMin;
  private final double sigmaMax;

  /** A VE path; {@code sigmaMin}/{@code sigmaMax} matter for the geometric schedule only. */
  public VePath(VeSchedule schedule, double sigmaMin, double sigmaMax) {
    if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) {
      throw new IllegalArgumentException(
          "ve path needs 0 < sigma_min < sigma_max, got " + sigmaMin + ", " + sigmaMax);
    }
    this.schedule = schedule;
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
  }

  /** A VE path with the default σ range. */
  public static VePath of(VeSchedule schedule) {
    return new VePath(schedule, DEFAULT_SIGMA_MIN, DEFAULT_SIGMA_MAX);
  }

  /** The σ schedule. */
  public VeSchedule schedule() {
    return schedule;
  }

  /** σmin (geometric schedule). */
  public double sigmaMin() {
    return sigmaMin;
  }

  /** σmax (geometric schedule). */
  public double sigmaMax() {
    return sigmaMax;
  }

  @Override
  public NoiseProcess process() {
    return NoiseProcess.VE;
  }

  @Override
  public PathPoint at(double t) {
    PathPoint.checkTime(t);
    return new PathPoint(
        t, 1, schedule.sigma(t, sigmaMin, sigmaMax), 0, schedule.derivative(t, sigmaMin, sigmaMax));
  }

  @Override
  public int numTimesteps() {
    return 0;
  }

  @Override
  public BaseDistribution base() {
    return BaseDistribution.GAUSSIAN;
  }
}
