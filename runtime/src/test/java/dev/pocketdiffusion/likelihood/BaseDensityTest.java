package dev.pocketdiffusion.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.paths.BaseDistribution;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaseDensityTest {

  @Test
  void everyBaseDensityIntegratesToOne() {
    double scale = 1.3;
    int cells = 600;
    double half = 4 * scale;
    double side = 2 * half / cells;
    for (BaseDistribution base : BaseDistribution.values()) {
      double mass = 0;
      double[] y = new double[2];
      for (int u = 0; u < cells; u++) {
        for (int v = 0; v < cells; v++) {
          y[0] = -half + (u + 0.5) * side;
          y[1] = -half + (v + 0.5) * side;
          mass += Math.exp(BaseDensity.log(base, scale, y, 0, 2)) * side * side;
        }
      }
      assertEquals(1, mass, 0.01, base.cliName());
    }
  }

  @Test
  void supportMatchesTheDraws() {
    Random rng = new Random(2);
    double[] y = new double[2];
    for (BaseDistribution base : BaseDistribution.values()) {
      base.sample(y, 1, 2, rng);
      assertTrue(Double.isFinite(BaseDensity.log(base, 1, y, 0, 2)), base.cliName() + " at a draw");
    }
    assertEquals(
        Double.NEGATIVE_INFINITY,
        BaseDensity.log(BaseDistribution.ANNULUS, 1, new double[] {0.9, 0}, 0, 2));
    assertEquals(
        Double.NEGATIVE_INFINITY,
        BaseDensity.log(BaseDistribution.ANNULUS, 1, new double[] {0, 2.1}, 0, 2));
    assertEquals(
        Double.NEGATIVE_INFINITY,
        BaseDensity.log(BaseDistribution.UNIFORM_SQUARE, 1, new double[] {0.5, -1.1}, 0, 2));
  }

  @Test
  void gaussianIsTheScaledNormalInAnyDimension() {
    double[] y = {9, 0.5, -1, 2};
    double scale = 0.8;
    double squares = (0.25 + 1 + 4) / (scale * scale);
    double expected = -1.5 * Math.log(2 * Math.PI) - 3 * Math.log(scale) - squares / 2;
    assertEquals(expected, BaseDensity.log(BaseDistribution.GAUSSIAN, scale, y, 1, 3), 1e-12);
  }
}
