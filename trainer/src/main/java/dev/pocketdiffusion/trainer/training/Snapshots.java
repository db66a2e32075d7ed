package dev.pocketdiffusion.trainer.training;

import ai.djl.nn.Block;
import java.util.HashSet;
import java.util.Set;

/**
 * Shows the network at chosen optimiser steps of a run, holding the weights that would be exported
 * at that moment: the weight average where the run keeps one, else the training weights. The last
 * step sees the final, exported weights.
 */
public final class Snapshots {
  /** Looks at the network at one chosen step. */
  public interface Callback {
    /**
     * Called at {@code step} (1-based); {@code network} is only valid during the call and must not
     * be changed.
     */
    void take(int step, Block network);
  }

  /** Takes no snapshots. */
  public static final Snapshots NONE = new Snapshots(new int[0], (step, network) -> {});

  private final Set<Integer> steps = new HashSet<>();
  private final Callback callback;

  /** Calls {@code callback} at each of {@code steps}. */
  public Snapshots(int[] steps, Callback callback) {
    for (int s : steps) {
      this.steps.add(s);
    }
    this.callback = callback;
  }

  boolean at(int step) {
    return steps.contains(step);
  }

  void take(int step, Block network) {
    callback.take(step, network);
  }
}
