package dev.pocketdiffusion.android;

/** One drawn state of the reverse process: the 2-D points after a step, with the timing so far. */
public final class Frame {
  private final int step;
  private final double time;
  private final float[] xy;
  private final double msPerStep;

  /** A frame of the points {@code xy} (x0, y0, x1, y1, …; kept, not copied). */
  public Frame(int step, double time, float[] xy, double msPerStep) {
    this.step = step;
    this.time = time;
    this.xy = xy;
    this.msPerStep = msPerStep;
  }

  /**
   * A frame copied from a sampler's live state {@code x} of {@code n} points in {@code dimension} ≥
   * 2 coordinates; the first two coordinates are kept.
   */
  public static Frame copyOf(
      int step, double time, double[] x, int n, int dimension, double msPerStep) {
    float[] xy = new float[2 * n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = (float) x[i * dimension];
      xy[2 * i + 1] = (float) x[i * dimension + 1];
    }
    return new Frame(step, time, xy, msPerStep);
  }

  /** The step after which this state was taken (0 = the base draw). */
  public int step() {
    return step;
  }

  /** The path time of this state (1 = noise, 0 = data). */
  public double time() {
    return time;
  }

  /** The points as x0, y0, x1, y1, … (live; do not modify). */
  public float[] xy() {
    return xy;
  }

  /** Number of points. */
  public int size() {
    return xy.length / 2;
  }

  /** Mean wall time per step so far, in milliseconds (0 at step 0). */
  public double msPerStep() {
    return msPerStep;
  }
}
