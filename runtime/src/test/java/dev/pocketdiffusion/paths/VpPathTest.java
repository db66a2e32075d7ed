package dev.pocketdiffusion.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VpPathTest {

  @Test
  void linearScheduleMatchesTheProductOfOneMinusBeta() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    double alphaBar = 1;
    for (int k = 0; k < 1000; k++) {
      double beta = 1e-4 + (0.02 - 1e-4) * k / 999.0;
      alphaBar *= 1 - beta;
      assertEquals(alphaBar, path.alphaBar(k), 1e-12 * Math.max(1, alphaBar));
      PathPoint p = path.at(path.timeOfStep(k));
      assertEquals(Math.sqrt(alphaBar), p.a, 1e-12);
    }
    // DDPM's linear schedule ends almost fully noised: ᾱ_T ≈ 4.0e-5.
    assertEquals(4.04e-5, path.alphaBar(999), 0.05e-5);
  }

  @Test
  void isVariancePreservingAndStartsAtCleanData() {
    for (VpSchedule schedule : VpSchedule.values()) {
      VpPath path = VpPath.of(schedule, 1000);
      PathPoint start = path.at(0);
      assertEquals(1, start.a, 0);
      assertEquals(0, start.b, 0);
      for (double t = 0.0005; t <= 1; t += 0.0137) {
        PathPoint p = path.at(t);
        assertEquals(1, p.a * p.a + p.b * p.b, 1e-12, schedule + " at t=" + t);
      }
    }
  }

  @Test
  void cosineScheduleFollowsNicholDhariwal() {
    VpPath path = VpPath.of(VpSchedule.COSINE, 1000);
    double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
    for (int k : new int[] {0, 100, 500, 900}) {
      double t = (k + 1) / 1000.0;
      double expected = Math.pow(Math.cos((t + 0.008) / 1.008 * Math.PI / 2), 2) / f0;
      assertEquals(expected, path.alphaBar(k), 1e-9);
    }
  }

  @Test
  void derivativesMatchFiniteDifferencesInsideSegmentsAndOnTheGrid() {
    VpPath path = VpPath.of(VpSchedule.COSINE, 1000);
    for (int k = 3; k < 1000; k += 57) {
      double t = (k + (k % 2 == 0 ? 0.5 : 1.0)) / 1000;
      double h = 1e-7;
      PathPoint p = path.at(t);
      PathPoint up = path.at(t + h);
      PathPoint down = path.at(t - h);
      assertEquals((up.a - down.a) / (2 * h), p.da, 1e-4 * Math.max(1, Math.abs(p.da)));
      assertEquals((up.b - down.b) / (2 * h), p.db, 1e-4 * Math.max(1, Math.abs(p.db)));
    }
  }

  /**
   * Issue 17, defect 6: log ᾱ was piecewise linear, so a'(t) jumped at every training time (by
   * about 1e-3 relative on linear). The spline's slope is continuous there, and log ᾱ still falls
   * strictly, for every schedule, also on short tables where some segments stay linear.
   */
  @Test
  void logAlphaBarIsSmoothAndDecreasingBetweenTheTrainingTimes() {
    for (VpSchedule schedule : VpSchedule.values()) {
      for (int steps : new int[] {1000, 50, 20, 3}) {
        VpPath path = VpPath.of(schedule, steps);
        for (int k = 0; k < steps - 1 && steps >= 50; k++) {
          double t = path.timeOfStep(k);
          double h = 1e-9;
          double left = path.at(t - h).da / path.at(t - h).a;
          double right = path.at(t + h).da / path.at(t + h).a;
          assertEquals(left, right, 1e-5 * Math.abs(left), schedule + " T=" + steps + " k=" + k);
        }
        double previous = 1;
        for (int i = 1; i <= 20 * steps; i++) {
          PathPoint p = path.at(i / (20.0 * steps));
          assertTrue(p.a < previous && p.da < 0 && p.b > 0, schedule + " T=" + steps + " i=" + i);
          previous = p.a;
        }
      }
    }
  }

  @Test
  void rejectsTimesOutsideTheUnitInterval() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 10);
    assertThrows(IllegalArgumentException.class, () -> path.at(1.5));
    assertThrows(IllegalArgumentException.class, () -> path.at(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> VpSchedule.parse("quadratc"));
  }

  @Test
  void cosineBetasAreClippedLikeDiffusers() {
    VpPath path = VpPath.of(VpSchedule.COSINE, 1000);
    double last = path.alphaBar(999) / path.alphaBar(998);
    assertTrue(1 - last <= 0.999 + 1e-12);
  }
}
