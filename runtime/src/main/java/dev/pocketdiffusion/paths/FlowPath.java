package dev.pocketdiffusion.paths;

/**
 * Flow matching on the straight line (rectified flow): {@code x_t = (1 − t)·x0 + t·x1}, with
 * velocity {@code x1 − x0}, in continuous time. The base may be any {@link BaseDistribution}.
 */
public final class FlowPath implements AffinePath {
  private final BaseDistribution base;

  /** A flow path from {@code base}. */
  public FlowPath(BaseDistribution base) {
    this.base = base;
  }

  @Override
  public NoiseProcess process() {
    return NoiseProcess.FLOW;
  }

  @Override
  public PathPoint at(double t) {
    PathPoint.checkTime(t);
    return new PathPoint(t, 1 - t, t, -1, 1);
  }

  @Override
  public int numTimesteps() {
    return 0;
  }

  @Override
  public BaseDistribution base() {
    return base;
  }
}
