package dev.pocketdiffusion.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import org.junit.jupiter.api.Test;

class EnergyDistanceTest {
  @Test
  void sameDistributionIsNearZero() {
    Points a = TestPoints.gaussian(1, 1500, 2, 0, 1);
    Points b = TestPoints.gaussian(2, 1500, 2, 0, 1);
    double energy = EnergyDistance.of(a, b);
    assertTrue(energy >= 0 && energy < 0.01, "energy = " + energy);
  }

  @Test
  void shiftedDistributionIsPositive() {
    Points a = TestPoints.gaussian(1, 1500, 2, 0, 1);
    Points b = TestPoints.gaussian(2, 1500, 2, 1, 1);
    double energy = EnergyDistance.of(a, b);
    assertTrue(energy > 0.3, "energy = " + energy);
  }

  @Test
  void usesTheVStatistic() {
    // E|X-Y| = 1, E|X-X'| over all four ordered pairs of {0, 2} = 1, E|Y-Y'| = 0
    assertEquals(1.0, EnergyDistance.of(TestPoints.line(0, 2), TestPoints.line(1)), 1e-15);
    assertEquals(0.0, EnergyDistance.of(TestPoints.line(0, 2), TestPoints.line(2, 0)), 1e-15);
  }

  @Test
  void isSymmetric() {
    Points a = TestPoints.gaussian(5, 200, 3, 0, 1);
    Points b = TestPoints.gaussian(6, 150, 3, 0.3, 2);
    assertEquals(EnergyDistance.of(a, b), EnergyDistance.of(b, a), 1e-12);
  }
}
