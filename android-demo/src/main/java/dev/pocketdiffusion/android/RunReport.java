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
  private int calls;
  private int points;

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

  /**
   * A run that finished {@code steps} steps with {@code calls} model calls, drawing {@code points}
   * points.
   */
  public static RunReport done(
      String sampler, int steps, int calls, int points, double msPerStep, double totalMs) {
    RunReport report = new RunReport(Outcome.DONE, sampler, steps, steps, msPerStep, totalMs, null);
    report.calls = calls;
    report.points = points;
    return report;
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

  /** Model calls of a finished run (0 otherwise): what sampling time on a phone is made of. */
  public int calls() {
    return calls;
  }

  /** Wall time per sampled point in milliseconds (a finished run; 0 otherwise). */
  public double msPerSample() {
    return points > 0 ? totalMs / points : 0;
  }

  /** Mean wall time per step in milliseconds. */
  public double msPerStep() {
    return msPerStep;
  }

  /** Wall time of the whole run in milliseconds, base draw included. */
  public double totalMs() {
    return totalMs;
  }

  /**
   * One line for the screen, e.g. {@code ddim: 50 steps, 50 calls, 0.91 ms/step, 0.024 ms per
   * sample, 48 ms total}.
   */
  public String describe() {
    switch (outcome) {
      case DONE:
        return String.format(
            Locale.ROOT,
            "%s: %d steps, %d calls, %.2f ms/step, %.4f ms per sample, %.0f ms total",
            sampler,
            steps,
            calls,
            msPerStep,
            msPerSample(),
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
