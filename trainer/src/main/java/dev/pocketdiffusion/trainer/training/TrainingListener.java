package dev.pocketdiffusion.trainer.training;

/** Observes training progress (a progress bar, a log). */
public interface TrainingListener {
  /** Ignores everything. */
  TrainingListener NONE = (step, totalSteps, loss) -> {};

  /** Called after each optimiser step with that step's loss. */
  void onStep(int step, int totalSteps, double loss);
}
