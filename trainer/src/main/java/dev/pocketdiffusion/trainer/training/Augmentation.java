package dev.pocketdiffusion.trainer.training;

import java.util.Random;

/**
 * The Two Moons Diffusion write-up's data augmentation of 2-D training points, drawn per example:
 * rotation by up to ±15° about the origin, scaling by 0.9–1.1 and translation by up to ±0.1 per
 * axis. The write-up found it hurts on two moons; it is here so that result can be reproduced.
 */
final class Augmentation {
  private static final double MAX_ANGLE = Math.toRadians(15);
  private static final double MAX_SCALE_CHANGE = 0.1;
  private static final double MAX_SHIFT = 0.1;

  private final boolean rotate;
  private final boolean scale;
  private final boolean translate;

  /** Parses a comma list of rotate, scale, translate; empty means none. */
  Augmentation(String spec) {
    boolean r = false;
    boolean s = false;
    boolean t = false;
    for (String part : spec.split(",")) {
      switch (part.trim()) {
        case "":
          break;
        case "rotate":
          r = true;
          break;
        case "scale":
          s = true;
          break;
        case "translate":
          t = true;
          break;
        default:
          throw new IllegalArgumentException(
              "--augment takes a comma list of rotate, scale, translate, got '" + part + "'");
      }
    }
    rotate = r;
    scale = s;
    translate = t;
  }

  /** True if any transform is on. */
  boolean enabled() {
    return rotate || scale || translate;
  }

  /** Transforms one 2-D point in place. */
  void apply(double[] p, Random rng) {
    if (p.length != 2) {
      throw new IllegalArgumentException("--augment works on 2-D data, got dimension " + p.length);
    }
    double x = p[0];
    double y = p[1];
    if (rotate) {
      double angle = (2 * rng.nextDouble() - 1) * MAX_ANGLE;
      double c = Math.cos(angle);
      double s = Math.sin(angle);
      double rx = c * x - s * y;
      y = s * x + c * y;
      x = rx;
    }
    if (scale) {
      double f = 1 + (2 * rng.nextDouble() - 1) * MAX_SCALE_CHANGE;
      x *= f;
      y *= f;
    }
    if (translate) {
      x += (2 * rng.nextDouble() - 1) * MAX_SHIFT;
      y += (2 * rng.nextDouble() - 1) * MAX_SHIFT;
    }
    p[0] = x;
    p[1] = y;
  }
}
