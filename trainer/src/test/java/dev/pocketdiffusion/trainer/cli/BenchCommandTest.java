package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The overhead arithmetic of {@code trainer bench}. */
class BenchCommandTest {
  @Test
  void overheadIsTheExtraStepTimeInPercentPerRound() {
    // plain 100 steps/s vs toolkit 80: a toolkit step takes 12.5 ms against 10 ms, 25 % more
    assertArrayEquals(
        new double[] {25, 0, -50},
        BenchCommand.overheads(new double[] {100, 50, 10}, new double[] {80, 50, 20}),
        1e-9);
  }
}
