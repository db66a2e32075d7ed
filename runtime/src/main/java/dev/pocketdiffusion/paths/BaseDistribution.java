package dev.pocketdiffusion.paths;

import dev.pocketdiffusion.CliNames;
import java.util.Random;

/**
 * The distribution of x1, the path's end at t = 1. Only the Gaussian admits stochastic samplers and
 * the diffusion identities (score = −x̂1/b); the others serve flow matching with deterministic
 * samplers.
 */
public enum BaseDistribution {
  /** N(0, I). */
  GAUSSIAN {
    @Override
    void draw(double[] point, Random rng) {
      for (int j = 0; j < point.length; j++) {
        point[j] = rng.nextGaussian();
      }
    }
  },
  /** Uniform on the ring 1 ≤ |x| ≤ 2 (area-uniform), in 2-D. */
  ANNULUS {
    @Override
    void draw(double[] point, Random rng) {
      requirePlane(point);
      double r = Math.sqrt(1 + 3 * rng.nextDouble()); // r² uniform on [1, 4]
      double angle = 2 * Math.PI * rng.nextDouble();
      point[0] = r * Math.cos(angle);
      point[1] = r * Math.sin(angle);
    }
  },
  /** Uniform on the square [−1, 1]^D. */
  UNIFORM_SQUARE {
    @Override
    void draw(double[] point, Random rng) {
      for (int j = 0; j < point.length; j++) {
        point[j] = 2 * rng.nextDouble() - 1;
      }
    }
  };

  abstract void draw(double[] point, Random rng);

  private static void requirePlane(double[] point) {
    if (point.length != 2) {
      throw new IllegalArgumentException("the annulus base is 2-D, got dimension " + point.length);
    }
  }

  /** True for N(0, I), the only base that allows stochastic samplers. */
  public boolean isGaussian() {
    return this == GAUSSIAN;
  }

  /** Fills {@code out} with {@code n} draws of {@code dim} coordinates. */
  public void sample(double[] out, int n, int dim, Random rng) {
    double[] point = new double[dim];
    for (int i = 0; i < n; i++) {
      draw(point, rng);
      System.arraycopy(point, 0, out, i * dim, dim);
    }
  }

  /** The name used on the command line and in model cards ({@code uniform-square}). */
  public String cliName() {
    return CliNames.of(this).replace('_', '-');
  }

  /** Parses {@code gaussian}, {@code annulus} or {@code uniform-square}. */
  public static BaseDistribution parse(String name) {
    return CliNames.parse(BaseDistribution.class, name.replace('-', '_'), "base distribution");
  }
}
