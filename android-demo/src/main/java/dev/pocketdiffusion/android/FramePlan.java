package dev.pocketdiffusion.android;

/**
 * Which steps of a run are kept as frames: every {@code stride}-th step, so that a run of any
 * length gives about {@code maxFrames} frames, and never more than {@code maxFrames} (a run whose
 * length is unknown in advance, like {@code adaptive}, keeps its first steps). The run adds its
 * final state as the last frame whatever the plan says.
 */
public final class FramePlan {
  private final int stride;
  private final int maxFrames;

  private FramePlan(int stride, int maxFrames) {
    this.stride = stride;
    this.maxFrames = maxFrames;
  }

  /**
   * A plan for a run of {@code plannedSteps} steps (0 if unknown).
   *
   * @throws IllegalArgumentException if {@code maxFrames} &lt; 2
   */
  public static FramePlan forSteps(int plannedSteps, int maxFrames) {
    if (maxFrames < 2) {
      throw new IllegalArgumentException(
          "a run needs at least 2 frames (start and end), got " + maxFrames);
    }
    int stride = Math.max(1, (plannedSteps + maxFrames - 2) / (maxFrames - 1));
    return new FramePlan(stride, maxFrames);
  }

  /**
   * True if step {@code step} becomes a frame, given that {@code kept} frames were kept before it.
   */
  public boolean keeps(int step, int kept) {
    return step % stride == 0 && kept < maxFrames - 1;
  }

  /** Steps between kept frames. */
  public int stride() {
    return stride;
  }
}
