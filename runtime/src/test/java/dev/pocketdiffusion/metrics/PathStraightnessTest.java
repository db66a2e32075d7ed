package dev.pocketdiffusion.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.analytic.PointSetDenoiser;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import org.junit.jupiter.api.Test;

class PathStraightnessTest {
  private static final FlowPath FLOW = new FlowPath(BaseDistribution.GAUSSIAN);

  @Test
  void flowToOnePointIsStraight() {
    // data at one point m: x_t = (1 − t)·m + t·z, a straight line walked at constant speed
    PointSetDenoiser point = new PointSetDenoiser(FLOW, new Points(1, 2, new double[] {1.5, -0.5}));
    assertEquals(0, PathStraightness.measure(point, 500, 40, 1), 1e-12);
    // data N(m, 0.3² I): x_t = (1 − t)·m + √((1 − t)²·0.09 + t²)·z bends, independent coupling
    GaussianDenoiser spread =
        new GaussianDenoiser(FLOW, new double[] {1.5, -0.5}, 0.3, Prediction.VELOCITY);
    assertTrue(PathStraightness.measure(spread, 500, 40, 1) > 0.01);
  }

  @Test
  void twoPointDataBendsTheTrajectories() {
    // every trajectory first heads to the mean, then turns to its point: far from straight
    Points centres = new Points(2, 2, new double[] {-2, 0, 2, 0});
    double s = PathStraightness.measure(new PointSetDenoiser(FLOW, centres), 500, 100, 1);
    assertTrue(s > 0.5, "straightness " + s);
    // and the measure converges in the step count: 100 and 200 steps agree to a few per cent
    double finer = PathStraightness.measure(new PointSetDenoiser(FLOW, centres), 500, 200, 1);
    assertEquals(s, finer, 0.1 * s);
  }
}
