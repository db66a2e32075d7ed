package dev.pocketdiffusion.android;

/**
 * Paces the animation: frame i is shown {@code i × frameMillis} after the run started, or later if
 * the sampler has not produced it yet. A fast run so still plays its reverse process at a watchable
 * rate, and a slow one is shown live.
 */
public final class Playback {
  private final long frameMillis;

  /**
   * A playback at one frame per {@code frameMillis}.
   *
   * @throws IllegalArgumentException if {@code frameMillis} &lt; 1
   */
  public Playback(long frameMillis) {
    if (frameMillis < 1) {
      throw new IllegalArgumentException("frame time must be at least 1 ms, got " + frameMillis);
    }
    this.frameMillis = frameMillis;
  }

  /** Milliseconds per frame. */
  public long frameMillis() {
    return frameMillis;
  }

  /**
   * The frame to show {@code elapsedMillis} after the start when {@code available} frames exist, or
   * -1 if none.
   */
  public int frameAt(long elapsedMillis, int available) {
    if (available == 0) {
      return -1;
    }
    return (int) Math.min(available - 1, Math.max(0, elapsedMillis / frameMillis));
  }

  /** True once the run has finished and its last frame is due. */
  public boolean isComplete(long elapsedMillis, int available, boolean finished) {
    return finished && frameAt(elapsedMillis, available) == available - 1;
  }
}
