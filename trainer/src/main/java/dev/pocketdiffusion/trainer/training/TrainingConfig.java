package dev.pocketdiffusion.trainer.training;

/**
 * Everything that determines a training run; written to {@code config.json} so a run can be
 * reproduced. Defaults are the ones the README's main job uses.
 */
public final class TrainingConfig {
  /** Dataset name. */
  public String dataset = "moons";
  /** The file a file-backed dataset reads ({@code dino}: the Datasaurus TSV), or null. */
  public String data;
  /** Points drawn from the dataset. */
  public int datasetSize = 8000;
  /** Optimiser steps (used when {@link #epochs} is 0). */
  public int steps = 12000;
  /** Passes over the dataset; 0 means "use {@link #steps}". */
  public int epochs = 0;
  /** Batch size. */
  public int batchSize = 256;
  /** Peak learning rate. */
  public double learningRate = 2e-3;
  /** Learning-rate schedule: {@code constant} or {@code cosine} (decay to 1% of the peak). */
  public String learningRateSchedule = "cosine";
  /** AdamW weight decay. */
  public double weightDecay = 0.01;
  /** Decay of the exponential moving average of the weights that is exported; 0 turns it off. */
  public double emaDecay = 0.999;
  /** Global gradient-norm clipping threshold. */
  public double gradientClip = 1.0;
  /** β schedule of the vp process. */
  public String schedule = "linear";
  /** Discrete timesteps T. */
  public int numTimesteps = 1000;
  /** What the network predicts. */
  public String prediction = "epsilon";
  /** Hidden width. */
  public int width = 128;
  /** Residual blocks. */
  public int depth = 3;
  /** Seed for data, initialisation, batches and noise. */
  public long seed = 0;
  /** Write a checkpoint every this many steps (and at the end). */
  public int checkpointEvery = 2000;

  /** The number of optimiser steps this config runs. */
  public int totalSteps() {
    if (epochs > 0) {
      return epochs * ((datasetSize + batchSize - 1) / batchSize);
    }
    return steps;
  }
}
