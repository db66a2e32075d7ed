package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.trainer.blocks.NetworkConfig;
import dev.pocketdiffusion.trainer.datasets.ClassWeights;

/**
 * Everything that determines a training run; written to {@code config.json} so a run can be
 * reproduced. Defaults are the ones the README's main job uses, and the only copy of them: the
 * command line shows and starts from a default instance.
 */
public final class TrainingConfig {
  /** The schedule of the vp process unless one is chosen. */
  public static final String VP_SCHEDULE = "linear";

  /** The schedule of the ve process unless one is chosen. */
  public static final String VE_SCHEDULE = "exp";

  /** Points drawn from the dataset unless another size is set. */
  public static final int DATASET_SIZE = 8000;

  /** Dataset name. */
  public String dataset = "moons";

  /** The file a file-backed dataset reads ({@code dino}: the Datasaurus TSV), or null. */
  public String data;

  /** Points drawn from the dataset. */
  public int datasetSize = DATASET_SIZE;

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

  /**
   * How each batch pairs base draws with data rows: {@code independent}, or {@code ot} (flow only,
   * unconditional: the batch's exact optimal assignment under squared Euclidean cost, OT-CFM).
   */
  public String coupling = "independent";

  /**
   * The teacher whose ODE pairs a reflow or distillation run trains on (its file and sampler), or
   * null for a run on a dataset. Such a run cannot resume: its pairs are not in the checkpoint.
   */
  public String teacher;

  /**
   * Preconditioning of the network: {@code none}, or {@code edm} (Karras et al. 2022; trains an x0
   * model, see {@link EdmPreconditioning}).
   */
  public String preconditioning = "none";

  /** EDM's σd, the data's standard deviation, set from the training data (0 = not yet set). */
  public double sigmaData = 0;

  /** Data augmentation, a comma list of rotate, scale, translate (empty = none). */
  public String augment = "";

  /** Train a class-conditional model on a labelled dataset. */
  public boolean conditional = false;

  /**
   * With {@link #conditional}: each class's relative weight in the training set, a comma list in
   * class order ({@code 1,1,1,3}); empty keeps the dataset's own mix.
   */
  public String classWeights = "";

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
  public String process = NoiseProcess.VP.cliName();

  /**
   * Schedule of the process: vp β schedule (linear, quadratic, cosine, sigmoid) or ve σ schedule.
   */
  public String schedule = VP_SCHEDULE;

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
    return noiseProcess().path(schedule, base, numTimesteps);
  }

  /**
   * The process this config trains.
   *
   * @throws IllegalArgumentException for an unknown process
   */
  public NoiseProcess noiseProcess() {
    return NoiseProcess.parse(process);
  }

  /** The schedule {@code process} uses unless one is chosen. */
  public static String defaultSchedule(NoiseProcess process) {
    return process == NoiseProcess.VE ? VE_SCHEDULE : VP_SCHEDULE;
  }

  /**
   * Checks every field, so that a run that passes trains to the end unless its data or numbers
   * fail; reads only the loss-weighting table, never the dataset.
   *
   * @throws IllegalArgumentException naming the problem and the fix
   */
  public void validate() {
    TrainingLimits.check(this);
    require(
        learningRateSchedule.equals("constant") || learningRateSchedule.equals("cosine"),
        "--lr-schedule must be constant or cosine, got '" + learningRateSchedule + "'");
    network.validate();
    AffinePath path = path();
    Prediction predicts = Prediction.parse(prediction);
    EdmPreconditioning edm = EdmPreconditioning.of(this);
    require(
        edm == null || predicts == Prediction.X0,
        "--preconditioning edm trains a denoiser that outputs x0: add --prediction x0");
    new TimeSampler(path, predicts, timeSampling, lossWeighting, edm);
    new Augmentation(augment);
    require(
        cfgDropout >= 0 && cfgDropout < 1, "--cfg-dropout must be in [0, 1), got " + cfgDropout);
    predicts.checkSamplableOn(path);
    if (!classWeights.isEmpty()) {
      require(conditional, "--class-weights needs --conditional");
      ClassWeights.parse(classWeights);
    }
    require(
        coupling.equals("independent") || coupling.equals("ot"),
        "--coupling must be independent or ot, got '" + coupling + "'");
    if (coupling.equals("ot")) {
      require(
          noiseProcess() == NoiseProcess.FLOW,
          "--coupling ot needs --process flow (on vp and ve the noisy point must stay"
              + " independent Gaussian noise around its data point)");
      require(
          !conditional,
          "--coupling ot pairs noise across classes, so a class's noise would no longer be"
              + " Gaussian; leave it out with --conditional");
    }
    require(totalSteps() >= 1, "training needs at least one step (--steps or --epochs)");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
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
