package dev.pocketdiffusion.paths;

import dev.pocketdiffusion.CliNames;

/**
 * The noising processes, by the names model cards and command lines use ({@code vp}, {@code ve},
 * {@code flow}): the one place a process name is parsed and a path is built from it.
 */
public enum NoiseProcess {
  /** Variance preserving (DDPM), discrete β schedule: {@link VpPath}. */
  VP(VpPath.DEFAULT_BETA_START, VpPath.DEFAULT_BETA_END) {
    @Override
    public AffinePath path(
        String schedule, String base, int numTimesteps, double rangeStart, double rangeEnd) {
      return new VpPath(VpSchedule.parse(schedule), numTimesteps, rangeStart, rangeEnd);
    }
  },
  /** Variance exploding, continuous σ schedule: {@link VePath}. */
  VE(VePath.DEFAULT_SIGMA_MIN, VePath.DEFAULT_SIGMA_MAX) {
    @Override
    public AffinePath path(
        String schedule, String base, int numTimesteps, double rangeStart, double rangeEnd) {
      return new VePath(VeSchedule.parse(schedule), rangeStart, rangeEnd);
    }
  },
  /** Flow matching on the straight line from any base: {@link FlowPath}. */
  FLOW(0, 0) {
    @Override
    public AffinePath path(
        String schedule, String base, int numTimesteps, double rangeStart, double rangeEnd) {
      return new FlowPath(BaseDistribution.parse(base));
    }
  };

  private final double defaultRangeStart;
  private final double defaultRangeEnd;

  NoiseProcess(double defaultRangeStart, double defaultRangeEnd) {
    this.defaultRangeStart = defaultRangeStart;
    this.defaultRangeEnd = defaultRangeEnd;
  }

  /**
   * The path of this process. vp reads {@code schedule} and {@code numTimesteps}, ve the schedule,
   * flow the {@code base} only; {@code rangeStart}/{@code rangeEnd} are the β range (vp) or the σ
   * range (ve).
   *
   * @throws IllegalArgumentException for an unknown schedule or base, or an invalid range
   */
  public abstract AffinePath path(
      String schedule, String base, int numTimesteps, double rangeStart, double rangeEnd);

  /** The path with the default β or σ range (see {@link VpPath#of}, {@link VePath#of}). */
  public AffinePath path(String schedule, String base, int numTimesteps) {
    return path(schedule, base, numTimesteps, defaultRangeStart, defaultRangeEnd);
  }

  /**
   * Refuses a schedule option for a process that has none.
   *
   * @throws IllegalArgumentException for flow
   */
  public void checkTakesSchedule() {
    if (this == FLOW) {
      throw new IllegalArgumentException("--schedule does not apply to the " + this + " process");
    }
  }

  /** The name used on the command line and in model cards. */
  public String cliName() {
    return CliNames.of(this);
  }

  /** The {@link #cliName()}, so messages name the process as users write it. */
  @Override
  public String toString() {
    return cliName();
  }

  /** Parses {@code vp}, {@code ve} or {@code flow}. */
  public static NoiseProcess parse(String name) {
    return CliNames.parse(NoiseProcess.class, name, "process");
  }
}
