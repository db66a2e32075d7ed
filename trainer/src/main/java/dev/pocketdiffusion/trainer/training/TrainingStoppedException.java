package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.InvalidInputException;

/** Training was stopped on request (Ctrl-C, SIGTERM) after saving a checkpoint. */
public final class TrainingStoppedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public TrainingStoppedException(String message) {
    super(message);
  }
}
