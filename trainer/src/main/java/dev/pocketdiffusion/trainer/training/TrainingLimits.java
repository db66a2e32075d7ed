package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.trainer.blocks.NetworkConfig;

/**
 * The largest sizes the trainer accepts, in one place, and the checks that refuse a config beyond
 * them before any memory is spent: each check answers in one line naming the option and its limit.
 * The limits are far above what a tiny 2-D model needs, and low enough that the arrays they size
 * (losses, batches, weights, data) fit in a laptop's memory without integer overflow.
 */
public final class TrainingLimits {
  /** Most optimiser steps of one run (its loss history takes 8 bytes a step). */
  public static final int MAX_STEPS = 10_000_000;

  /** Largest batch. */
  public static final int MAX_BATCH_SIZE = 65_536;

  /** Largest batch × hidden (or embedding) width: one activation of 256 MB. */
  public static final long MAX_BATCH_ACTIVATIONS = 1L << 26;

  /** Most points drawn from a dataset (training set, {@code trainer dataset -n}). */
  public static final int MAX_POINTS = 10_000_000;

  /** Widest hidden layer or embedding. */
  public static final int MAX_WIDTH = 4096;

  /** Most hidden blocks. */
  public static final int MAX_DEPTH = 64;

  /** Most discrete timesteps of the vp process. */
  public static final int MAX_TIMESTEPS = 100_000;

  /** Most PyTorch threads ({@code --threads}). */
  public static final int MAX_THREADS = 256;

  /** Most pixels of an {@code image:FILE} dataset (4096 × 4096). */
  public static final long MAX_IMAGE_PIXELS = 4096L * 4096L;

  /** Most bytes of an IDX file's images or labels ({@code mnist:}; MNIST's training set: 47 MB). */
  public static final long MAX_IDX_BYTES = 1L << 28;

  private TrainingLimits() {}

  /**
   * Refuses sizes beyond the limits and numbers no run can use (a non-finite learning rate, say).
   *
   * @throws IllegalArgumentException naming the option, its value and the limit
   */
  public static void check(TrainingConfig config) {
    range("--steps", config.steps, 1, MAX_STEPS);
    range("--epochs", config.epochs, 0, MAX_STEPS);
    range("--batch-size", config.batchSize, 1, MAX_BATCH_SIZE);
    range("--dataset-size", config.datasetSize, 1, MAX_POINTS);
    range("the vp process's timesteps", config.numTimesteps, 1, MAX_TIMESTEPS);
    range("the checkpoint interval", config.checkpointEvery, 1, MAX_STEPS);
    range("--warmup", config.warmupSteps, 0, MAX_STEPS);
    if (config.epochs > 0) {
      long batches = (config.datasetSize + (long) config.batchSize - 1) / config.batchSize;
      long total = config.epochs * batches;
      if (total > MAX_STEPS) {
        throw new IllegalArgumentException(
            "--epochs " + config.epochs + " means " + total + " steps, at most " + MAX_STEPS);
      }
    }
    positive("--lr", config.learningRate);
    finiteAtLeastZero("the weight decay", config.weightDecay);
    positive("the gradient clip", config.gradientClip);
    if (!(config.emaDecay >= 0 && config.emaDecay < 1)) {
      throw new IllegalArgumentException("--ema must be in [0, 1), got " + config.emaDecay);
    }
    NetworkConfig net = config.network;
    if (net == null) {
      throw new IllegalArgumentException("the network is missing");
    }
    range("--width", net.width(), 1, MAX_WIDTH);
    range("--depth", net.depth(), 0, MAX_DEPTH);
    range("--embedding-size", net.embeddingSize(), 1, MAX_WIDTH);
    long widest = Math.max(net.width(), net.embeddingSize());
    if (config.batchSize * widest > MAX_BATCH_ACTIVATIONS) {
      throw new IllegalArgumentException(
          "--batch-size × width is "
              + config.batchSize * widest
              + ", at most "
              + MAX_BATCH_ACTIVATIONS
              + "; lower --batch-size or --width");
    }
  }

  /**
   * Refuses a thread count outside 1 … {@link #MAX_THREADS}.
   *
   * @throws IllegalArgumentException naming the option and the limit
   */
  public static void checkThreads(int threads) {
    range("--threads", threads, 1, MAX_THREADS);
  }

  /**
   * Refuses {@code value} outside {@code min … max}, naming {@code what}.
   *
   * @throws IllegalArgumentException naming the option and the limit
   */
  public static void range(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " must be in " + min + ".." + max + ", got " + value);
    }
  }

  private static void positive(String what, double value) {
    if (!(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(what + " must be a positive number, got " + value);
    }
  }

  private static void finiteAtLeastZero(String what, double value) {
    if (!(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(what + " must be a number >= 0, got " + value);
    }
  }
}
