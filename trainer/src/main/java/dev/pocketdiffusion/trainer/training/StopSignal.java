package dev.pocketdiffusion.trainer.training;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C (SIGINT) or SIGTERM end training cleanly: a shutdown hook asks for a stop and waits;
 * the training loop notices at the next step boundary, saves a checkpoint and confirms. The weights
 * are only ever touched by the training thread.
 */
public final class StopSignal {
  private static final long WAIT_SECONDS = 30;

  private volatile boolean requested;
  private volatile boolean armed;
  private final CountDownLatch saved = new CountDownLatch(1);

  /** True once a stop was requested. */
  boolean requested() {
    return requested;
  }

  /** Called by the training loop after its last checkpoint. */
  void confirm() {
    saved.countDown();
  }

  /** Called when the training loop starts: from now on a stop waits for its checkpoint. */
  void arm() {
    armed = true;
  }

  /** Called when the training loop ends, however it ends: a stop no longer waits. */
  void disarm() {
    armed = false;
    saved.countDown();
  }

  /** Asks for a stop without waiting (from the training thread itself, e.g. a listener). */
  void request() {
    requested = true;
  }

  /** Asks for a stop and, while the training loop runs, waits (bounded) until it has saved. */
  public void requestAndWait() {
    request();
    if (!armed) {
      return;
    }
    try {
      saved.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
