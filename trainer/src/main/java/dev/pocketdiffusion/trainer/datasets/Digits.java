package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Ten classes of numerals drawn from strokes, no font or download needed: each digit is the
 * segments of a seven-segment display (width 1, height 2, centred), points uniform along its
 * strokes with N(0, 0.03²) noise.
 */
final class Digits implements LabelledDataset {
  /**
   * Segments as (x1, y1, x2, y2): a top, b upper right, c lower right, d bottom, e lower left, f
   * upper left, g middle.
   */
  private static final double[][] SEGMENTS = {
    {-0.5, 1, 0.5, 1},
    {0.5, 1, 0.5, 0},
    {0.5, 0, 0.5, -1},
    {-0.5, -1, 0.5, -1},
    {-0.5, 0, -0.5, -1},
    {-0.5, 1, -0.5, 0},
    {-0.5, 0, 0.5, 0}
  };

  /** Lit segments per digit, as indices into {@link #SEGMENTS}. */
  private static final int[][] DIGITS = {
    {0, 1, 2, 3, 4, 5}, {1, 2}, {0, 1, 6, 4, 3}, {0, 1, 6, 2, 3}, {5, 6, 1, 2},
    {0, 5, 6, 2, 3}, {0, 5, 4, 3, 2, 6}, {0, 1, 2}, {0, 1, 2, 3, 4, 5, 6}, {0, 1, 2, 3, 5, 6}
  };

  private static final double NOISE = 0.03;

  @Override
  public String cliName() {
    return "digits";
  }

  @Override
  public List<String> classNames() {
    return Arrays.asList("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  }

  @Override
  public Points sample(int n, long seed, long[] labels) {
    Random rng = new Random(seed);
    double[] data = new double[2 * n];
    for (int i = 0; i < n; i++) {
      int digit = rng.nextInt(DIGITS.length);
      int[] lit = DIGITS[digit];
      double[] s = SEGMENTS[lit[rng.nextInt(lit.length)]];
      double u = rng.nextDouble();
      data[2 * i] = s[0] + u * (s[2] - s[0]) + NOISE * rng.nextGaussian();
      data[2 * i + 1] = s[1] + u * (s[3] - s[1]) + NOISE * rng.nextGaussian();
      labels[i] = digit;
    }
    return new Points(n, 2, data);
  }
}
