package dev.pocketdiffusion.onnx;

import dev.pocketdiffusion.InvalidInputException;

/**
 * A model's network returned NaN or an infinity: the model is broken (exported from a diverged run,
 * or edited), and nothing computed from it may be written. The message names the model, the point
 * (its index in the batch the caller passed), the time t and the network evaluation.
 */
public final class NonFiniteOutputException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

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
            + "); the model is broken, e.g. exported from a diverged run",
        point);
  }

  private NonFiniteOutputException(String message, int point) {
    super(message);
    this.point = point;
  }

  /** Index of the point in the batch passed to the model. */
  public int point() {
    return point;
  }

  /** The same error with {@code context} (e.g. which input file was being scored) appended. */
  public NonFiniteOutputException with(String context) {
    NonFiniteOutputException e = new NonFiniteOutputException(getMessage() + " " + context, point);
    e.setStackTrace(getStackTrace());
    return e;
  }
}
