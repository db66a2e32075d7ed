package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import org.junit.jupiter.api.Test;

/**
 * Expected timesteps are diffusers' set_timesteps for T = 1000; logsnr is checked by its
 * definition.
 */
class TimestepSpacingTest {

  @Test
  void linspaceIncludesBothEnds() {
    assertArrayEquals(
        new int[] {999, 888, 777, 666, 555, 444, 333, 222, 111, 0},
        TimestepSpacing.LINSPACE.timesteps(1000, 10));
  }

  @Test
  void leadingUsesAFixedStrideFromZero() {
    assertArrayEquals(
        new int[] {900, 800, 700, 600, 500, 400, 300, 200, 100, 0},
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
  void logSnrGridIsUniformInLogSnrBetweenTheFirstAndLastTimestep() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    double[] grid = TimeGrid.of(path, 15, TimestepSpacing.LOGSNR);
    assertEquals(16, grid.length);
    assertEquals(path.timeOfStep(999), grid[0], 0);
    assertEquals(path.timeOfStep(0), grid[14], 0);
    assertEquals(0.0, grid[15], 0);
    double step = logSnr(path, grid[1]) - logSnr(path, grid[0]);
    assertTrue(step > 0, "log-SNR grows towards clean data");
    for (int i = 1; i < 15; i++) {
      assertEquals(step, logSnr(path, grid[i]) - logSnr(path, grid[i - 1]), 1e-9, "step " + i);
    }
  }

  @Test
  void logSnrGridNeedsAFiniteLogSnrAtBothEnds() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TimeGrid.of(new FlowPath(BaseDistribution.GAUSSIAN), 10, TimestepSpacing.LOGSNR));
    assertTrue(e.getMessage().contains("use --spacing cosine or linspace"), e.getMessage());
  }

  @Test
  void multistepSolversRecommendLogSnrWherePossibleAndCosineElsewhere() {
    VpPath vp = VpPath.of(VpSchedule.LINEAR, 1000);
    FlowPath flow = new FlowPath(BaseDistribution.GAUSSIAN);
    FixedStepSampler dpm = (FixedStepSampler) Samplers.create("dpm++2m", 12);
    FixedStepSampler ddim = (FixedStepSampler) Samplers.create("ddim", 12);
    assertArrayEquals(TimeGrid.of(vp, 12, TimestepSpacing.LOGSNR), dpm.grid(vp), 0);
    assertArrayEquals(TimeGrid.of(flow, 12, TimestepSpacing.COSINE), dpm.grid(flow), 0);
    FixedStepSampler unipc = (FixedStepSampler) Samplers.create("unipc", 12);
    assertArrayEquals(TimeGrid.of(flow, 12, TimestepSpacing.COSINE), unipc.grid(flow), 0);
    assertArrayEquals(TimeGrid.of(vp, 12, TimestepSpacing.LINSPACE), ddim.grid(vp), 0);
  }

  @Test
  void karrasIsUniformInSigmaToTheOneSeventhAndExponentialIsLogSnr() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    double[] grid = TimeGrid.of(path, 10, TimestepSpacing.KARRAS);
    double step = root(path, grid[1]) - root(path, grid[0]);
    for (int i = 1; i < 10; i++) {
      assertEquals(step, root(path, grid[i]) - root(path, grid[i - 1]), 1e-9, "step " + i);
    }
    assertEquals(1.0, grid[0], 0);
    assertEquals(0.0, grid[10], 0);
    assertEquals(TimestepSpacing.LOGSNR, TimestepSpacing.parse("exponential"));
  }

  @Test
  void cosineRunsFromOneToZeroWithSmallStepsAtBothEnds() {
    double[] grid =
        TimeGrid.of(new FlowPath(BaseDistribution.GAUSSIAN), 10, TimestepSpacing.COSINE);
    assertEquals(1.0, grid[0], 0);
    assertEquals(0.0, grid[10], 0);
    assertTrue(grid[0] - grid[1] < grid[4] - grid[5] && grid[9] - grid[10] < grid[4] - grid[5]);
  }

  private static double root(VpPath path, double t) {
    return Math.exp(-logSnr(path, t) / 7);
  }

  private static double logSnr(VpPath path, double t) {
    PathPoint p = path.at(t);
    return Math.log(p.a / p.b);
  }

  @Test
  void rejectsStepCountsOutsideOneToT() {
    assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LINSPACE.timesteps(1000, 0));
    assertThrows(
        IllegalArgumentException.class, () -> TimestepSpacing.LINSPACE.timesteps(1000, 1001));
  }
}
