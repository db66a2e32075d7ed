package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The Toy-Diffusion write-up's conditional square: points uniform in [−1, 1]², classed by the
 * concentric square ring they fall in — ring k holds max(|x|, |y|) ∈ [k/4, (k+1)/4).
 */
final class Squares implements LabelledDataset {
  private static final int RINGS = 4;

  @Override
  public String cliName() {
    return "squares";
  }

  @Override
  public List<String> classNames() {
    return Arrays.asList("ring0", "ring1", "ring2", "ring3");
  }

  @Override
  public Points sample(int n, long seed, long[] labels) {
    Random rng = new Random(seed);
    double[] data = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double x = 2 * rng.nextDouble() - 1;
      double y = 2 * rng.nextDouble() - 1;
      data[2 * i] = x;
      data[2 * i + 1] = y;
      labels[i] = Math.min(RINGS - 1, (int) (Math.max(Math.abs(x), Math.abs(y)) * RINGS));
    }
    return new Points(n, 2, data);
  }
}
