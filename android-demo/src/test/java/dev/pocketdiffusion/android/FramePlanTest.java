package dev.pocketdiffusion.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class FramePlanTest {
  private static List<Integer> kept(FramePlan plan, int steps) {
    List<Integer> kept = new ArrayList<>();
    for (int step = 0; step <= steps; step++) {
      if (plan.keeps(step, kept.size())) {
        kept.add(step);
      }
    }
    return kept;
  }

  @Test
  public void aShortRunKeepsEveryStep() {
    assertEquals(51, kept(FramePlan.forSteps(50, 60), 50).size());
  }

  @Test
  public void aLongRunKeepsEvenlySpacedStepsLeavingRoomForTheFinalFrame() {
    FramePlan plan = FramePlan.forSteps(1000, 60);
    List<Integer> kept = kept(plan, 1000);
    assertEquals(17, plan.stride());
    assertEquals(59, kept.size());
    assertEquals(0, (int) kept.get(0));
    assertEquals(986, (int) kept.get(58));
  }

  @Test
  public void aRunOfUnknownLengthKeepsItsFirstSteps() {
    List<Integer> kept = kept(FramePlan.forSteps(0, 10), 500);
    assertEquals(9, kept.size());
    assertEquals(8, (int) kept.get(8));
  }

  @Test
  public void tooFewFramesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> FramePlan.forSteps(10, 1));
  }
}
