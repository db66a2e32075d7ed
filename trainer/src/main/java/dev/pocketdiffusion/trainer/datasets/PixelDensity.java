package dev.pocketdiffusion.trainer.datasets;

import java.util.Arrays;
import java.util.Random;

/**
 * A grayscale picture read as a probability density (as in the MAP583 Tiny Diffusion project): a
 * pixel is drawn with probability proportional to its ink, then a point uniformly inside it.
 * Coordinates keep the aspect ratio, are centred, span [−1, 1] along the longer side and have y
 * pointing up.
 */
final class PixelDensity {
  private final int width;
  private final int height;
  private final double[] cumulative;

  /**
   * A density over {@code width × height} pixels with row-major {@code ink} (non-negative).
   *
   * @throws IllegalArgumentException if there is no ink at all
   */
  PixelDensity(float[] ink, int width, int height) {
    this.width = width;
    this.height = height;
    cumulative = new double[ink.length];
    double sum = 0;
    for (int i = 0; i < ink.length; i++) {
      sum += ink[i];
      cumulative[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("the picture is blank: no pixel has ink");
    }
  }

  /** Draws one point into {@code out[offset]}, {@code out[offset + 1]}. */
  void sample(Random rng, double[] out, int offset) {
    double u = rng.nextDouble() * cumulative[cumulative.length - 1];
    int pixel = Arrays.binarySearch(cumulative, u);
    pixel = pixel >= 0 ? pixel + 1 : -pixel - 1; // the first pixel whose running sum exceeds u
    pixel = Math.min(pixel, cumulative.length - 1);
    double side = Math.max(width, height);
    double px = pixel % width + rng.nextDouble();
    double py = pixel / width + rng.nextDouble();
    out[offset] = (2 * px - width) / side;
    out[offset + 1] = (height - 2 * py) / side;
  }
}
