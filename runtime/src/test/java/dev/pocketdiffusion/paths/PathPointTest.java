package dev.pocketdiffusion.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link PathPoint}: the log-SNR in its two scales and the one rule on path times. */
class PathPointTest {

  @Test
  void logSnrIsLogOfTheSquaredRatioAndHalfLogSnrOfTheRatio() {
    PathPoint p = new PathPoint(0.3, 0.8, 0.6, 0, 0);
    assertEquals(Math.log(0.64 / 0.36), p.logSnr(), 1e-12);
    assertEquals(Math.log(0.8 / 0.6), p.halfLogSnr(), 1e-12);
    PathPoint noise = new FlowPath(BaseDistribution.GAUSSIAN).at(1);
    assertEquals(Double.NEGATIVE_INFINITY, noise.logSnr());
    assertEquals(Double.NEGATIVE_INFINITY, noise.halfLogSnr());
  }

  @Test
  void timesOutsideZeroToOneAreRefusedByEveryPath() {
    PathPoint.checkTime(0);
    PathPoint.checkTime(1);
    for (double t : new double[] {-1e-9, 1.000001, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PathPoint.checkTime(t));
      assertEquals("path time must be in [0, 1], got " + t, e.getMessage());
      for (NoiseProcess process : NoiseProcess.values()) {
        assertThrows(
            IllegalArgumentException.class, () -> process.path("linear", "gaussian", 10).at(t));
      }
    }
  }
}
