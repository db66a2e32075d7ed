package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.CliNames;
import dev.pocketdiffusion.Points;
import java.util.Random;

/**
 * The procedural 2-D datasets, each a seeded recipe. {@code circle} and {@code line} follow
 * tiny-diffusion exactly; the others follow the write-ups they come from.
 */
enum Shapes implements PointDataset {
  /**
   * tiny-diffusion's circle: grid-snapped directions on the unit circle, radial jitter ≤ 0.03, ×3.
   */
  CIRCLE {
    @Override
    void draw(double[] p, Random rng) {
      double x = Math.round((rng.nextDouble() - 0.5) / 2 * 10) / 10.0 * 2;
      double y = Math.round((rng.nextDouble() - 0.5) / 2 * 10) / 10.0 * 2;
      double norm = Math.sqrt(x * x + y * y) + 1e-10;
      double theta = 2 * Math.PI * rng.nextDouble();
      double r = 0.03 * rng.nextDouble();
      p[0] = (x / norm + r * Math.cos(theta)) * 3;
      p[1] = (y / norm + r * Math.sin(theta)) * 3;
    }
  },
  /** tiny-diffusion's line: x ~ U(−0.5, 0.5), y ~ U(−1, 1), both ×4. */
  LINE {
    @Override
    void draw(double[] p, Random rng) {
      p[0] = (rng.nextDouble() - 0.5) * 4;
      p[1] = (2 * rng.nextDouble() - 1) * 4;
    }
  },
  /** Uniform in [−1, 1]² (the Toy-Diffusion write-up's square). */
  SQUARE {
    @Override
    void draw(double[] p, Random rng) {
      p[0] = 2 * rng.nextDouble() - 1;
      p[1] = 2 * rng.nextDouble() - 1;
    }
  },
  /**
   * scikit-learn's 2-D swiss roll (t = 1.5π(1 + 2u), point t·(cos t, sin t), noise 0.25), scaled by
   * 1/5.
   */
  SWISSROLL {
    @Override
    void draw(double[] p, Random rng) {
      double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
      p[0] = (t * Math.cos(t) + 0.25 * rng.nextGaussian()) / 5;
      p[1] = (t * Math.sin(t) + 0.25 * rng.nextGaussian()) / 5;
    }
  },
  /** An Archimedean spiral of two turns (radius 0.3 → 2), noise 0.03. */
  SPIRAL {
    @Override
    void draw(double[] p, Random rng) {
      double u = rng.nextDouble();
      double angle = 4 * Math.PI * u;
      double r = 0.3 + 1.7 * u;
      p[0] = r * Math.cos(angle) + 0.03 * rng.nextGaussian();
      p[1] = r * Math.sin(angle) + 0.03 * rng.nextGaussian();
    }
  },
  /**
   * Area-uniform on the ring 1 ≤ |x| ≤ 2 (the flow-matching base of the Step-by-Step Diffusion
   * experiments).
   */
  ANNULUS {
    @Override
    void draw(double[] p, Random rng) {
      double r = Math.sqrt(1 + 3 * rng.nextDouble());
      double angle = 2 * Math.PI * rng.nextDouble();
      p[0] = r * Math.cos(angle);
      p[1] = r * Math.sin(angle);
    }
  },
  /** Eight Gaussians (std 0.1) evenly spaced on the circle of radius 2. */
  GAUSSIANS {
    @Override
    void draw(double[] p, Random rng) {
      double angle = 2 * Math.PI * rng.nextInt(8) / 8;
      p[0] = 2 * Math.cos(angle) + 0.1 * rng.nextGaussian();
      p[1] = 2 * Math.sin(angle) + 0.1 * rng.nextGaussian();
    }
  },
  /**
   * A 4 × 4 checkerboard on [−2, 2]², uniform on the dark squares (flow_matching's 2-D example).
   */
  CHECKERBOARD {
    @Override
    void draw(double[] p, Random rng) {
      int col = rng.nextInt(4);
      int row = 2 * rng.nextInt(2) + (col % 2);
      p[0] = col - 2 + rng.nextDouble();
      p[1] = row - 2 + rng.nextDouble();
    }
  };

  abstract void draw(double[] point, Random rng);

  @Override
  public String cliName() {
    return CliNames.of(this);
  }

  @Override
  public Points sample(int n, long seed) {
    Random rng = new Random(seed);
    double[] data = new double[2 * n];
    double[] p = new double[2];
    for (int i = 0; i < n; i++) {
      draw(p, rng);
      data[2 * i] = p[0];
      data[2 * i + 1] = p[1];
    }
    return new Points(n, 2, data);
  }
}
