package dev.pocketdiffusion.android;

/**
 * The two-moons data's centre curves as the trainer makes them (sklearn's make_moons, then x ← (x +
 * 0.3)·2 − 1, y ← (y + 0.3)·3 − 1), for checking where drawn points land.
 */
final class Moons {
  private static final int SAMPLES = 1000;
  private static final double[] CURVE = curve();

  private Moons() {}

  private static double[] curve() {
    double[] xy = new double[4 * SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double angle = Math.PI * i / (SAMPLES - 1);
      xy[4 * i] = (Math.cos(angle) + 0.3) * 2 - 1;
      xy[4 * i + 1] = (Math.sin(angle) + 0.3) * 3 - 1;
      xy[4 * i + 2] = (1 - Math.cos(angle) + 0.3) * 2 - 1;
      xy[4 * i + 3] = (1 - Math.sin(angle) - 0.5 + 0.3) * 3 - 1;
    }
    return xy;
  }

  /** Euclidean distance from (x, y) to the nearer moon's centre curve. */
  static double distance(double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < CURVE.length; i += 2) {
      double dx = x - CURVE[i];
      double dy = y - CURVE[i + 1];
      best = Math.min(best, dx * dx + dy * dy);
    }
    return Math.sqrt(best);
  }
}
