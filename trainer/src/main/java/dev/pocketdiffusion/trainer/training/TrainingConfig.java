package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.trainer.blocks.NetworkConfig;

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

  /** Steps of linear learning-rate warm-up from 0 (0 = none). */
  public int warmupSteps = 0;

  /**
   * Loss weighting: {@code none}, {@code min-snr:γ} (Hang et al. 2023) or {@code table:FILE.csv}
   * (per-timestep weights).
   */
  public String lossWeighting = "none";

  /** Training-time distribution: {@code uniform} or {@code logit-normal} (t = sigmoid(N(0, 1))). */
  public String timeSampling = "uniform";

  /** Data augmentation, a comma list of rotate, scale, translate (empty = none). */
  public String augment = "";

  /** Train a class-conditional model on a labelled dataset. */
  public boolean conditional = false;

  /** Share of labels replaced by the null label while training, for classifier-free guidance. */
  public double cfgDropout = 0.1;

  /** Device: auto, cpu, gpu or gpu:N. */
  public String device = "auto";

  /** AdamW weight decay. */
  public double weightDecay = 0.01;

  /** Decay of the exponential moving average of the weights that is exported; 0 turns it off. */
  public double emaDecay = 0.999;

  /** Global gradient-norm clipping threshold. */
  public double gradientClip = 1.0;

  /** The noising process: {@code vp}, {@code ve} or {@code flow}. */
  public String process = "vp";

  /**
   * Schedule of the process: vp β schedule (linear, quadratic, cosine, sigmoid) or ve σ schedule.
   */
  public String schedule = "linear";

  /** Discrete timesteps T of the vp process. */
  public int numTimesteps = 1000;

  /** Base distribution of the flow process: gaussian, annulus or uniform-square. */
  public String base = "gaussian";

  /** What the network predicts. */
  public String prediction = "epsilon";

  /** The network's shape (its dimension is set from the data). */
  public NetworkConfig network = new NetworkConfig();

  /** Seed for data, initialisation, batches and noise. */
  public long seed = 0;

  /** Write a checkpoint every this many steps (and at the end). */
  public int checkpointEvery = 2000;

  /**
   * The path this config trains on.
   *
   * @throws IllegalArgumentException for an unknown process, schedule or base
   */
  public AffinePath path() {
    switch (process) {
      case "vp":
        return new VpPath(
            VpSchedule.parse(schedule),
            numTimesteps,
            VpPath.DEFAULT_BETA_START,
            VpPath.DEFAULT_BETA_END);
      case "ve":
        return VePath.of(VeSchedule.parse(schedule));
      case "flow":
        return new FlowPath(BaseDistribution.parse(base));
      default:
        throw new IllegalArgumentException(
            "unknown process '" + process + "' (choose one of: vp, ve, flow)");
    }
  }

  /**
   * Refuses combinations that cannot train a usable model.
   *
   * @throws IllegalArgumentException naming the problem and the fix
   */
  public void validate() {
    TrainingLimits.check(this);
    network.validate();
    new TimeSampler(path(), Prediction.parse(prediction), timeSampling, lossWeighting);
    new Augmentation(augment);
    if (!(cfgDropout >= 0 && cfgDropout < 1)) {
      throw new IllegalArgumentException("--cfg-dropout must be in [0, 1), got " + cfgDropout);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("--warmup must be >= 0, got " + warmupSteps);
    }
    AffinePath path = path();
    if (Prediction.parse(prediction) == Prediction.EPSILON && path.at(1.0).a == 0) {
      throw new IllegalArgumentException(
          "--prediction epsilon cannot be sampled on the "
              + process
              + " process (x0 is undefined at t = 1); use --prediction velocity or x0");
    }
    if (totalSteps() < 1) {
      throw new IllegalArgumentException("training needs at least one step (--steps or --epochs)");
    }
  }

  /** The number of optimiser steps this config runs. */
  public int totalSteps() {
    if (epochs > 0) {
      return epochs * ((datasetSize + batchSize - 1) / batchSize);
    }
    return steps;
  }
}
