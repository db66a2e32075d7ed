package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;

/** Argument checks shared by the metrics; every failure is an {@link IllegalArgumentException}. */
final class Inputs {
  private Inputs() {}

  /** Requires two non-empty sets of finite points with the same dimension. */
  static void requireComparable(Points first, String firstName, Points second, String secondName) {
    requireUsable(first, firstName);
    requireUsable(second, secondName);
    if (first.dimension() != second.dimension()) {
      throw new IllegalArgumentException(
          firstName
              + " points have dimension "
              + first.dimension()
              + " but "
              + secondName
              + " points have dimension "
              + second.dimension());
    }
  }

  /** Requires {@code points} to hold at least {@code min} points, {@code purpose} saying why. */
  static void requireAtLeast(Points points, int min, String name, String purpose) {
    if (points.size() < min) {
      throw new IllegalArgumentException(
          purpose + " needs at least " + min + " " + name + " points, got " + points.size());
    }
  }

  static void requireUsable(Points points, String name) {
    if (points.size() == 0) {
      throw new IllegalArgumentException(name + " points are empty");
    }
    if (!points.allFinite()) {
      throw new IllegalArgumentException(name + " points contain NaN or infinite coordinates");
    }
  }
}
