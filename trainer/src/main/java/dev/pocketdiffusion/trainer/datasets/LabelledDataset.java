package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.List;

/** A dataset whose points belong to named classes, for class-conditional models. */
public interface LabelledDataset extends PointDataset {

  /** Class names; a point's label is its class's index. */
  List<String> classNames();

  /** Draws {@code n} points and writes each one's label into {@code labels} (length n). */
  Points sample(int n, long seed, long[] labels);

  @Override
  default Points sample(int n, long seed) {
    return sample(n, seed, new long[n]);
  }
}
