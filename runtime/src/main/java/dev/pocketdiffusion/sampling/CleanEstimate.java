package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;

/**
 * Turns network outputs into the two quantities every sampler works with: the clean estimate x̂0
 * and the base (noise) estimate x̂1, both consistent with the noisy x on the path ({@code x = a·x̂0
 * + b·x̂1}). With a {@link DataRange}, x̂0 is clamped and x̂1 re-derived from it.
 */
public final class CleanEstimate {
  private CleanEstimate() {}

  /**
   * Fills {@code x0} and {@code x1} (each n × dim) from the outputs {@code out} at noisy points
   * {@code x}, all at the path point {@code p}; {@code range} may be null.
   */
  public static void split(
      Prediction prediction,
      DataRange range,
      double[] x,
      double[] out,
      PathPoint p,
      int dim,
      double[] x0,
      double[] x1) {
    for (int j = 0; j < x.length; j++) {
      double clean = prediction.x0(x[j], out[j], p);
      if (range != null && p.b > 0) {
        clean = range.clamp(clean, j % dim);
        x1[j] = (x[j] - p.a * clean) / p.b;
      } else {
        x1[j] = prediction.noise(x[j], out[j], p);
      }
      x0[j] = clean;
    }
  }
}
