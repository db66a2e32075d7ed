package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.InvalidInputException;

/** Training produced a non-finite loss; the last good checkpoint is kept. */
public final class TrainingDivergedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
