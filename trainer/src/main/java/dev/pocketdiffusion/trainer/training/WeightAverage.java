package dev.pocketdiffusion.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of a network's weights, {@code avg ← d·avg + (1 − d)·w} after each
 * step, with the usual warm-up {@code d = min(decay, (1 + n)/(10 + n))} so early steps are not
 * dominated by the random initialisation. Averaged weights sample more cleanly than the last
 * iterate of a noisy optimiser.
 */
final class WeightAverage implements AutoCloseable {
  private final double decay;
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> averages = new ArrayList<>();

  WeightAverage(Block network, double decay) {
    this.decay = decay;
    for (Pair<String, Parameter> p : network.getParameters()) {
      NDArray w = p.getValue().getArray();
      weights.add(w);
      NDArray average = w.duplicate();
      average.setName(p.getKey());
      averages.add(average);
    }
  }

  /** The averaged weights, each named after its parameter, for a checkpoint. */
  NDList averages() {
    return new NDList(averages);
  }

  /**
   * Continues from averages saved by {@link #averages()}.
   *
   * @throws IllegalArgumentException if they do not match this network's parameters
   */
  void restore(NDList saved) {
    if (saved.size() != averages.size()) {
      throw new IllegalArgumentException(
          "saved weight average has "
              + saved.size()
              + " arrays, the network "
              + averages.size()
              + " parameters");
    }
    for (int i = 0; i < averages.size(); i++) {
      NDArray average = averages.get(i);
      if (!average.getName().equals(saved.get(i).getName())
          || !average.getShape().equals(saved.get(i).getShape())) {
        throw new IllegalArgumentException(
            "saved weight average '"
                + saved.get(i).getName()
                + "' "
                + saved.get(i).getShape()
                + " does not match parameter '"
                + average.getName()
                + "' "
                + average.getShape());
      }
      saved.get(i).copyTo(average);
    }
  }

  /** Folds in the weights after optimiser step {@code step} (0-based). */
  void update(int step) {
    float keep = (float) Math.min(decay, (1.0 + step) / (10.0 + step));
    // One scalar array for every parameter: muli(float) would create (and free) one per call, which
    // costs more than the multiplication itself on these small tensors (docs/PERFORMANCE.md).
    try (NDArray share = weights.get(0).getManager().create(1 - keep)) {
      for (int i = 0; i < weights.size(); i++) {
        try (NDArray delta = weights.get(i).sub(averages.get(i))) {
          delta.muli(share);
          averages.get(i).addi(delta);
        }
      }
    }
  }

  /** Overwrites the network's weights with the averages. */
  void copyInto() {
    for (int i = 0; i < weights.size(); i++) {
      averages.get(i).copyTo(weights.get(i));
    }
  }

  /** Exchanges the network's weights and the averages (twice restores both). */
  void swap() {
    for (int i = 0; i < weights.size(); i++) {
      try (NDArray training = weights.get(i).duplicate()) {
        averages.get(i).copyTo(weights.get(i));
        training.copyTo(averages.get(i));
      }
    }
  }

  @Override
  public void close() {
    for (NDArray a : averages) {
      a.close();
    }
  }
}
