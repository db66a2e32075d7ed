package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;

/** A 2-D point distribution the trainer can learn: draws a reproducible sample of any size. */
public interface PointDataset {

  /** The name used on the command line and in model cards. */
  String cliName();

  /** Draws {@code n} points, the same for the same {@code seed}. */
  Points sample(int n, long seed);
}
