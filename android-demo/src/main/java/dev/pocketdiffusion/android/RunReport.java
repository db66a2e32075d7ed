package dev.pocketdiffusion.android;

import java.util.Locale;

/** How a sampling run ended: done, cancelled or failed, with its step count and timing. */
public final class RunReport {
  /** The ways a run ends. */
  public enum Outcome {
    /** Every step ran. */
    DONE,
    /** The user cancelled it between two steps. */
    CANCELLED,
    /** The model or sampler refused the settings or failed. */
    FAILED
  }

  private final Outcome outcome;
  private final String sampler;
  private final int steps;
  private final int plannedSteps;
  private final double msPerStep;
  private final double totalMs;
  private final String error;

  private RunReport(
      Outcome outcome,
      String sampler,
      int steps,
      int plannedSteps,
      double msPerStep,
      double totalMs,
      String error) {
    this.outcome = outcome;
    this.sampler = sampler;
    this.steps = steps;
    this.plannedSteps = plannedSteps;
    this.msPerStep = msPerStep;
    this.totalMs = totalMs;
    this.error = error;
  }

  /** A run that finished {@code steps} steps. */
  public static RunReport done(String sampler, int steps, double msPerStep, double totalMs) {
    return new RunReport(Outcome.DONE, sampler, steps, steps, msPerStep, totalMs, null);
  }

  /** A run cancelled after {@code steps} of {@code plannedSteps} steps (0 if unknown). */
  public static RunReport cancelled(
      String sampler, int steps, int plannedSteps, double msPerStep, double totalMs) {
    return new RunReport(Outcome.CANCELLED, sampler, steps, plannedSteps, msPerStep, totalMs, null);
  }

  /** A run that failed with the one-line {@code error}. */
  public static RunReport failed(String sampler, String error) {
    return new RunReport(Outcome.FAILED, sampler, 0, 0, 0, 0, error);
  }

  /** How the run ended. */
  public Outcome outcome() {
    return outcome;
  }

  /** Steps completed. */
  public int steps() {
    return steps;
  }

  /** Mean wall time per step in milliseconds. */
  public double msPerStep() {
    return msPerStep;
  }

  /** Wall time of the whole run in milliseconds, base draw included. */
  public double totalMs() {
    return totalMs;
  }

  /** One line for the screen, e.g. {@code ddim: 50 steps, 0.91 ms/step, 48 ms total}. */
  public String describe() {
    switch (outcome) {
      case DONE:
        return String.format(
            Locale.ROOT,
            "%s: %d steps, %.2f ms/step, %.0f ms total",
            sampler,
            steps,
            msPerStep,
            totalMs);
      case CANCELLED:
        return String.format(
            Locale.ROOT,
            "%s: cancelled after step %d%s, %.2f ms/step, %.0f ms total",
            sampler,
            steps,
            plannedSteps > 0 ? " of " + plannedSteps : "",
            msPerStep,
            totalMs);
      default:
        return sampler + ": failed: " + error;
    }
  }
}
