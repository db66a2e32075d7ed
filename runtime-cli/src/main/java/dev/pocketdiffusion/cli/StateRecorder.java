package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.sampling.StepListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps copies of a sampler's states at chosen steps (every step when none are chosen), with the
 * step number and path time of each; the last reported step is always kept.
 */
final class StateRecorder implements StepListener {
  private final Set<Integer> wanted;
  private final List<Points> states = new ArrayList<>();
  private final List<Integer> steps = new ArrayList<>();
  private final List<Double> times = new ArrayList<>();
  private Points last;
  private int lastStep = -1;
  private double lastTime;

  /** Records the steps in {@code wanted}, or every step if it is null. */
  StateRecorder(Set<Integer> wanted) {
    this.wanted = wanted;
  }

  @Override
  public void onStep(int step, double t, double[] x, int n, int dimension) {
    Points copy = new Points(n, dimension, x.clone());
    if (wanted == null || wanted.contains(step)) {
      states.add(copy);
      steps.add(step);
      times.add(t);
    }
    last = copy;
    lastStep = step;
    lastTime = t;
  }

  /** Ends the recording: adds the final state if its step was not chosen. */
  void finish() {
    if (lastStep >= 0 && (steps.isEmpty() || steps.get(steps.size() - 1) != lastStep)) {
      states.add(last);
      steps.add(lastStep);
      times.add(lastTime);
    }
  }

  /** The recorded states, in step order. */
  List<Points> states() {
    return states;
  }

  /** The step number of each recorded state (0 = the base draw). */
  List<Integer> steps() {
    return steps;
  }

  /** The path time of each recorded state. */
  List<Double> times() {
    return times;
  }
}
