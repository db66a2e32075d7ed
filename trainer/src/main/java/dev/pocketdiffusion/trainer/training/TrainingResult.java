package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.Points;
import java.util.Map;

/**
 * What a finished {@link TrainingJob} measured: the loss of every step, the scores of the exported
 * model's samples, and the samples beside the fresh draw of the dataset they were scored against
 * (what a picture of the run shows).
 */
public final class TrainingResult {
  private final Map<String, Double> metrics;
  private final double[] losses;
  private final String dataset;
  private final Points reference;
  private final Points generated;

  TrainingResult(
      Map<String, Double> metrics,
      double[] losses,
      String dataset,
      Points reference,
      Points generated) {
    this.metrics = metrics;
    this.losses = losses;
    this.dataset = dataset;
    this.reference = reference;
    this.generated = generated;
  }

  /**
   * The model card's metrics, as written to {@code metrics.json}: the sample scores and the parity
   * difference.
   */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /** The loss of every training step, as written to {@code loss.csv}. */
  public double[] losses() {
    return losses.clone();
  }

  /** The dataset's command-line name. */
  public String dataset() {
    return dataset;
  }

  /** The fresh draw of the dataset the samples were scored against. */
  public Points reference() {
    return reference;
  }

  /**
   * The exported model's samples (DDIM, {@link TrainingJob#EVAL_STEPS} steps), as written to {@code
   * samples.csv}.
   */
  public Points generated() {
    return generated;
  }
}
