package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.Random;

/**
 * Two interleaving half circles as scikit-learn's {@code make_moons(noise=0.03)} makes them (outer
 * half-circle of n/2 points around the origin, inner one flipped around (1, 0.5), shuffled, then
 * Gaussian noise), then the affine map of tiny-diffusion: {@code x ← (x + 0.3)·2 − 1}, {@code y ←
 * (y + 0.3)·3 − 1}.
 */
public final class Moons implements PointDataset {
  private static final double NOISE = 0.03;

  @Override
  public String cliName() {
    return "moons";
  }

  @Override
  public Points sample(int n, long seed) {
    Random rng = new Random(seed);
    int outer = n / 2;
    int inner = n - outer;
    double[] data = new double[2 * n];
    for (int i = 0; i < outer; i++) {
      double angle = outer == 1 ? 0 : Math.PI * i / (outer - 1);
      data[2 * i] = Math.cos(angle);
      data[2 * i + 1] = Math.sin(angle);
    }
    for (int i = 0; i < inner; i++) {
      double angle = inner == 1 ? 0 : Math.PI * i / (inner - 1);
      data[2 * (outer + i)] = 1 - Math.cos(angle);
      data[2 * (outer + i) + 1] = 1 - Math.sin(angle) - 0.5;
    }
    shuffleRows(data, n, rng);
    for (int i = 0; i < data.length; i++) {
      data[i] += NOISE * rng.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      data[2 * i] = (data[2 * i] + 0.3) * 2 - 1;
      data[2 * i + 1] = (data[2 * i + 1] + 0.3) * 3 - 1;
    }
    return new Points(n, 2, data);
  }

  private static void shuffleRows(double[] data, int n, Random rng) {
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      double x = data[2 * i];
      double y = data[2 * i + 1];
      data[2 * i] = data[2 * j];
      data[2 * i + 1] = data[2 * j + 1];
      data[2 * j] = x;
      data[2 * j + 1] = y;
    }
  }
}
