package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.trainer.blocks.NetworkConfig;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingLimits;
import java.io.File;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Every option that shapes a training run (all of {@code trainer train}'s but {@code --out}), and
 * the one place that turns them into a checked {@link TrainingConfig}; {@code train} and {@code
 * ablate} mix it in. Each option starts from, and its help shows, the value of a default {@link
 * TrainingConfig}, so the defaults live there only.
 */
public final class TrainingOptions {
  private static final TrainingConfig DEFAULTS = new TrainingConfig();

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "One of: " + Datasets.NAMES + " (required).")
  String dataset;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "Your own data file for a file-backed dataset (dino: a Datasaurus Dozen TSV; default: the shipped copy).")
  File data;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
  int steps = DEFAULTS.steps;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the training points (--dataset-size) instead of --steps.")
  int epochs = DEFAULTS.epochs;

  @Option(
      names = "--dataset-size",
      paramLabel = "N",
      description =
          "Points drawn from the dataset once, to train on (default: ${DEFAULT-VALUE}; a larger set lets a long run see more distinct points).")
  int datasetSize = DEFAULTS.datasetSize;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize = DEFAULTS.batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X",
      description = "Peak learning rate of AdamW (default: ${DEFAULT-VALUE}).")
  double lr = DEFAULTS.learningRate;

  @Option(
      names = "--lr-schedule",
      paramLabel = "S",
      description = "constant or cosine (decays to 1%% of --lr; default: ${DEFAULT-VALUE}).")
  String lrSchedule = DEFAULTS.learningRateSchedule;

  @Option(
      names = "--process",
      paramLabel = "P",
      description =
          "vp (DDPM, T = 1000), ve (variance exploding) or flow (flow matching) (default: ${DEFAULT-VALUE}).")
  String process = DEFAULTS.process;

  @Option(
      names = "--prediction",
      paramLabel = "P",
      description =
          "What the network predicts: epsilon, x0 or velocity (default: ${DEFAULT-VALUE}).")
  String prediction = DEFAULTS.prediction;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Linear learning-rate warm-up steps (default: ${DEFAULT-VALUE}).")
  int warmup = DEFAULTS.warmupSteps;

  @Option(
      names = "--loss-weighting",
      paramLabel = "W",
      description = {
        "none, min-snr:GAMMA (Hang et al. 2023; e.g. min-snr:5), or table:FILE.csv: per-timestep weights,",
        "header t,weight, linear in t in [0, 1] (timestep k of T is t = (k+1)/T) (default: ${DEFAULT-VALUE})."
      })
  String lossWeighting = DEFAULTS.lossWeighting;

  @Option(
      names = "--time-sampling",
      paramLabel = "S",
      description = {
        "Training times: uniform, logit-normal, euler:K (only the K times a K-step Euler sampler",
        "visits), or edm / edm:P_MEAN,P_STD: log-normal noise level σ = b/a, ln σ ~ N(P_mean,",
        "P_std²), EDM's (edm = -1.2,1.2) (default: ${DEFAULT-VALUE})."
      })
  String timeSampling = DEFAULTS.timeSampling;

  @Option(
      names = "--coupling",
      paramLabel = "C",
      description = {
        "independent, or ot: pair each batch's noise and data by their exact optimal assignment",
        "(minibatch OT-CFM, Tong et al. 2023; flow only, unconditional) (default: ${DEFAULT-VALUE})."
      })
  String coupling = DEFAULTS.coupling;

  @Option(
      names = "--preconditioning",
      paramLabel = "P",
      description = {
        "none, or edm: Karras et al. 2022's c_skip, c_out, c_in with σd from the data and its loss",
        "weighting, baked into the exported x0 model (needs --prediction x0) (default: ${DEFAULT-VALUE})."
      })
  String preconditioning = DEFAULTS.preconditioning;

  @Option(
      names = "--augment",
      paramLabel = "LIST",
      description =
          "Comma list of rotate, scale, translate (the Two Moons Diffusion write-up's augmentation; default: none).")
  String augment = DEFAULTS.augment;

  @Option(
      names = "--conditional",
      description =
          "Train a class-conditional model (needs a labelled dataset: squares, digits, mnist:..., mix:...).")
  boolean conditional = DEFAULTS.conditional;

  @Option(
      names = "--cfg-dropout",
      paramLabel = "P",
      description =
          "With --conditional: share of labels dropped to the null label, for classifier-free guidance (default: ${DEFAULT-VALUE}).")
  double cfgDropout = DEFAULTS.cfgDropout;

  @Option(
      names = "--class-weights",
      paramLabel = "W,W,...",
      description =
          "With --conditional: each class's weight in the training set, one per class in class order (e.g. 1,1,1,3 gives the fourth class half of every batch; default: the dataset's own mix).")
  String classWeights = DEFAULTS.classWeights;

  @Option(
      names = "--ema",
      paramLabel = "DECAY",
      description = {
        "Decay of the exponential moving average of the weights, in [0, 1); the export and the",
        "checkpoints' sampled weights are the average (diffusers' EMAModel); 0 exports the raw",
        "weights (default: ${DEFAULT-VALUE})."
      })
  double ema = DEFAULTS.emaDecay;

  @Option(
      names = "--device",
      paramLabel = "D",
      description =
          "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE} = a GPU when PyTorch sees one).")
  String device = DEFAULTS.device;

  @Option(
      names = "--schedule",
      paramLabel = "S",
      description =
          "vp: linear, quadratic, cosine, sigmoid (default "
              + TrainingConfig.VP_SCHEDULE
              + "); ve: exp, linear, sqrt, geometric (default "
              + TrainingConfig.VE_SCHEDULE
              + ").")
  String schedule;

  @Option(
      names = "--base",
      paramLabel = "B",
      description = "flow only: gaussian, annulus or uniform-square (default: ${DEFAULT-VALUE}).")
  String base = DEFAULTS.base;

  @Option(
      names = "--arch",
      paramLabel = "A",
      description = "resmlp (tiny-diffusion's residual MLP) or mlp (default: ${DEFAULT-VALUE}).")
  String arch = DEFAULTS.network.arch();

  @Option(
      names = "--width",
      paramLabel = "N",
      description = "Hidden width (default: ${DEFAULT-VALUE}).")
  int width = DEFAULTS.network.width();

  @Option(
      names = "--depth",
      paramLabel = "N",
      description = "Hidden blocks (default: ${DEFAULT-VALUE}).")
  int depth = DEFAULTS.network.depth();

  @Option(
      names = "--activation",
      paramLabel = "A",
      description = "relu, gelu or silu (default: ${DEFAULT-VALUE}).")
  String activation = DEFAULTS.network.activation();

  @Option(
      names = "--input-embedding",
      paramLabel = "E",
      description =
          "Per-coordinate embedding: sinusoidal, fourier (random Fourier features) or identity (default: ${DEFAULT-VALUE}).")
  String inputEmbedding = DEFAULTS.network.inputEmbedding();

  @Option(
      names = "--input-scale",
      paramLabel = "X",
      description =
          "Scale of coordinates before a sinusoidal/fourier embedding (default: ${DEFAULT-VALUE}).")
  float inputScale = DEFAULTS.network.inputScale();

  @Option(
      names = "--time-embedding",
      paramLabel = "E",
      description = "sinusoidal, learnable, linear or none (default: ${DEFAULT-VALUE}).")
  String timeEmbedding = DEFAULTS.network.timeEmbedding();

  @Option(
      names = "--embedding-size",
      paramLabel = "N",
      description = "Width of each embedding (default: ${DEFAULT-VALUE}).")
  int embeddingSize = DEFAULTS.network.embeddingSize();

  @Option(
      names = "--batch-norm",
      description = "BatchNorm after each hidden Linear (folded into it at export).")
  boolean batchNorm = DEFAULTS.network.batchNorm();

  @Option(
      names = "--dropout",
      paramLabel = "P",
      description = "Dropout in hidden blocks (default: ${DEFAULT-VALUE}; removed at export).")
  double dropout = DEFAULTS.network.dropout();

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed for data, weights, batches and noise (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "T",
      description =
          "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; measured fastest for this network on 2 cores).")
  int threads;

  /**
   * The config these options describe, every field checked, before any dataset or file is opened
   * but the loss-weighting table and the dataset's own file.
   *
   * @param parsedBy the command line that parsed these options: errors name it, and the rules on
   *     which options go together read what it matched
   * @throws ParameterException for a value out of range or a combination that cannot train
   */
  TrainingConfig toConfig(CommandLine parsedBy) {
    Given given = new Given(parsedBy);
    given.require(dataset != null, "--dataset is required");
    if (given.has("--epochs")) {
      given.require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
      given.require(!given.has("--steps"), "give --steps or --epochs, not both");
    }
    given.require(conditional || !given.has("--cfg-dropout"), "--cfg-dropout needs --conditional");
    TrainingConfig config = new TrainingConfig();
    try {
      TrainingLimits.checkThreads(threads);
      NoiseProcess kind = NoiseProcess.parse(process);
      if (schedule != null) {
        kind.checkTakesSchedule();
      }
      given.require(
          kind == NoiseProcess.FLOW || !given.has("--base"),
          "--base applies to the flow process only");
      config.dataset = dataset;
      config.data = data == null ? null : data.getPath();
      config.steps = steps;
      config.epochs = epochs;
      config.datasetSize = datasetSize;
      config.batchSize = batchSize;
      config.learningRate = lr;
      config.learningRateSchedule = lrSchedule;
      config.warmupSteps = warmup;
      config.lossWeighting = lossWeighting;
      config.timeSampling = timeSampling;
      config.preconditioning = preconditioning;
      config.augment = augment;
      config.coupling = coupling;
      config.conditional = conditional;
      config.cfgDropout = cfgDropout;
      config.classWeights = classWeights;
      config.emaDecay = ema;
      config.device = device;
      config.process = process;
      config.schedule = schedule != null ? schedule : TrainingConfig.defaultSchedule(kind);
      config.base = base;
      config.prediction = prediction;
      config.seed = seed;
      NetworkConfig net = config.network;
      net.setArch(arch)
          .setWidth(width)
          .setDepth(depth)
          .setActivation(activation)
          .setInputEmbedding(inputEmbedding)
          .setInputScale(inputScale)
          .setTimeEmbedding(timeEmbedding)
          .setEmbeddingSize(embeddingSize)
          .setDropout(dropout)
          .setBatchNorm(batchNorm)
          .setFourierSeed(seed);
      config.validate();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(parsedBy, e.getMessage(), e);
    }
    Datasets.byName(dataset, data);
    return config;
  }

  /** Sets PyTorch's thread counts from {@code --threads}; call before the engine starts. */
  void configureEngine() {
    TrainingLimits.checkThreads(threads);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }

  /** Which options a command line matched, and its usage errors. */
  private static final class Given {
    private final CommandLine commandLine;

    Given(CommandLine commandLine) {
      this.commandLine = commandLine;
    }

    boolean has(String option) {
      return commandLine.getParseResult().hasMatchedOption(option);
    }

    void require(boolean ok, String message) {
      if (!ok) {
        throw new ParameterException(commandLine, message);
      }
    }
  }
}
