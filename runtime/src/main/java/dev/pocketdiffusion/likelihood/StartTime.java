package dev.pocketdiffusion.likelihood;

import dev.pocketdiffusion.paths.AffinePath;

/**
 * The start time ε of both estimators. They measure the data smoothed by Gaussian noise of standard
 * deviation b(ε)/a(ε) (VP linear, T = 1000: 0.0100; flow: 0.0010; VE geometric: 0.0101), not the
 * data itself: below ε the velocity's b'(t) grows without bound (VP: b ∝ √t) and a discrete network
 * was never trained there.
 */
public final class StartTime {
  /** ε = 1e-3: for a VP path with T = 1000 this is its first training time 1/T. */
  public static final double DEFAULT = 1e-3;

  private StartTime() {}

  /** {@link #DEFAULT}, or a discrete path's first training time 1/T where that is later. */
  public static double of(AffinePath path) {
    return path.numTimesteps() > 0 ? Math.max(DEFAULT, path.timeOfStep(0)) : DEFAULT;
  }
}
