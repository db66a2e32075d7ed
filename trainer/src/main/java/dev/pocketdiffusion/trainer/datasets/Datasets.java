package dev.pocketdiffusion.trainer.datasets;

/** Looks datasets up by their command-line names. */
public final class Datasets {
  /** The names {@link #byName} accepts. */
  public static final String NAMES = "moons";

  private Datasets() {}

  /**
   * The dataset called {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static PointDataset byName(String name) {
    if ("moons".equals(name)) {
      return new Moons();
    }
    throw new IllegalArgumentException("unknown dataset '" + name + "' (choose one of: " + NAMES + ")");
  }
}
