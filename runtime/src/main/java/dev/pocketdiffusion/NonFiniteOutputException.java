package dev.pocketdiffusion;

/**
 * A model's network returned NaN or an infinity: the model is broken (exported from a diverged run,
 * or edited), and nothing computed from it may be written. The message names the model, the point
 * (its index in the batch the caller passed), the time t and the network evaluation; callers that
 * know more (the sampler step, the file being scored) add it with {@link #with}.
 */
public final class NonFiniteOutputException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private static final String ADVICE = "; the model is broken, e.g. exported from a diverged run";

  private final String fact;
  private final int point;

  /**
   * Creates the exception.
   *
   * @param source the model file or resource
   * @param value the non-finite value
   * @param point index of the point in the batch passed to the model
   * @param t the time the point was evaluated at
   * @param evaluation 1 for the model's first network evaluation, 2 for the next, …
   */
  public NonFiniteOutputException(
      String source, float value, int point, double t, long evaluation) {
    this(
        source
            + ": the network output "
            + value
            + " for point "
            + point
            + " at t = "
            + t
            + " (network evaluation "
            + evaluation
            + ")",
        point);
  }

  private NonFiniteOutputException(String fact, int point) {
    super(fact + ADVICE);
    this.fact = fact;
    this.point = point;
  }

  /** Index of the point in the batch passed to the model. */
  public int point() {
    return point;
  }

  /** The same error with {@code context} (e.g. "during sampler step 3") after the facts. */
  public NonFiniteOutputException with(String context) {
    NonFiniteOutputException e = new NonFiniteOutputException(fact + " " + context, point);
    e.setStackTrace(getStackTrace());
    return e;
  }
}
