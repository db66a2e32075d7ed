package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import org.junit.jupiter.api.Test;

/** Expected values are diffusers' set_timesteps for T = 1000. */
class TimestepSpacingTest {

  @Test
  void linspaceIncludesBothEnds() {
    assertArrayEquals(new int[] {999, 888, 777, 666, 555, 444, 333, 222, 111, 0},
        TimestepSpacing.LINSPACE.timesteps(1000, 10));
  }

  @Test
  void leadingUsesAFixedStrideFromZero() {
    assertArrayEquals(new int[] {900, 800, 700, 600, 500, 400, 300, 200, 100, 0},
        TimestepSpacing.LEADING.timesteps(1000, 10));
  }

  @Test
  void trailingEndsAtTheLastTimestepAndIsNotAFixedStride() {
    int[] ks = TimestepSpacing.TRAILING.timesteps(1000, 13);
    assertEquals(999, ks[0]);
    assertEquals(922, ks[1]); // diffusers #9261: a fixed stride would wrongly go to 923
    assertEquals(76, ks[12]);
  }

  @Test
  void allStepsGiveEveryTimestep() {
    int[] ks = TimestepSpacing.LINSPACE.timesteps(1000, 1000);
    for (int i = 0; i < 1000; i++) {
      assertEquals(999 - i, ks[i]);
    }
  }

  @Test
  void gridEndsAtCleanDataAndFollowsTheList() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    double[] grid = TimeGrid.of(path, 13, TimestepSpacing.TRAILING);
    assertEquals(14, grid.length);
    assertEquals(1.0, grid[0], 1e-15);
    assertEquals(923 / 1000.0, grid[1], 1e-15);
    assertEquals(0.0, grid[13], 0);
  }

  @Test
  void rejectsStepCountsOutsideOneToT() {
    assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LINSPACE.timesteps(1000, 0));
    assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LINSPACE.timesteps(1000, 1001));
  }
}
