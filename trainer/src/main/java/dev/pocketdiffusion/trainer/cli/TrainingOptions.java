package dev.pocketdiffusion.trainer.cli;

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
 * the one place that turns them into a {@link TrainingConfig}; {@code train} and {@code ablate} mix
 * it in.
 */
public final class TrainingOptions {
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

  @Option(names = "--steps", paramLabel = "N", description = "Optimiser steps (default: 12000).")
  Integer steps;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the 8000 training points instead of --steps.")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Batch size (default: 256).")
  Integer batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X",
      description = "Peak learning rate of AdamW (default: 0.002).")
  Double lr;

  @Option(
      names = "--lr-schedule",
      paramLabel = "S",
      description = "constant or cosine (decays to 1%% of --lr; default: cosine).")
  String lrSchedule;

  @Option(
      names = "--process",
      paramLabel = "P",
      description =
          "vp (DDPM, T = 1000), ve (variance exploding) or flow (flow matching) (default: vp).")
  String process;

  @Option(
      names = "--prediction",
      paramLabel = "P",
      description = "What the network predicts: epsilon, x0 or velocity (default: epsilon).")
  String prediction;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Linear learning-rate warm-up steps (default: 0).")
  Integer warmup;

  @Option(
      names = "--loss-weighting",
      paramLabel = "W",
      description = {
        "none, min-snr:GAMMA (Hang et al. 2023; e.g. min-snr:5), or table:FILE.csv: per-timestep weights,",
        "header t,weight, linear in t in [0, 1] (timestep k of T is t = (k+1)/T) (default: none)."
      })
  String lossWeighting;

  @Option(
      names = "--time-sampling",
      paramLabel = "S",
      description = "uniform or logit-normal training times (default: uniform).")
  String timeSampling;

  @Option(
      names = "--augment",
      paramLabel = "LIST",
      description =
          "Comma list of rotate, scale, translate (the Two Moons Diffusion write-up's augmentation; default: none).")
  String augment;

  @Option(
      names = "--conditional",
      description =
          "Train a class-conditional model (needs a labelled dataset: squares, digits, mnist:..., mix:...).")
  boolean conditional;

  @Option(
      names = "--cfg-dropout",
      paramLabel = "P",
      description =
          "With --conditional: share of labels dropped to the null label, for classifier-free guidance (default: 0.1).")
  Double cfgDropout;

  @Option(
      names = "--device",
      paramLabel = "D",
      description = "auto, cpu, gpu or gpu:N (default: auto = a GPU when PyTorch sees one).")
  String device;

  @Option(
      names = "--schedule",
      paramLabel = "S",
      description =
          "vp: linear, quadratic, cosine, sigmoid (default linear); ve: exp, linear, sqrt, geometric (default exp).")
  String schedule;

  @Option(
      names = "--base",
      paramLabel = "B",
      description = "flow only: gaussian, annulus or uniform-square (default: gaussian).")
  String base;

  @Option(
      names = "--arch",
      paramLabel = "A",
      description = "resmlp (tiny-diffusion's residual MLP) or mlp (default: resmlp).")
  String arch;

  @Option(names = "--width", paramLabel = "N", description = "Hidden width (default: 128).")
  Integer width;

  @Option(names = "--depth", paramLabel = "N", description = "Hidden blocks (default: 3).")
  Integer depth;

  @Option(
      names = "--activation",
      paramLabel = "A",
      description = "relu, gelu or silu (default: gelu).")
  String activation;

  @Option(
      names = "--input-embedding",
      paramLabel = "E",
      description =
          "Per-coordinate embedding: sinusoidal, fourier (random Fourier features) or identity (default: sinusoidal).")
  String inputEmbedding;

  @Option(
      names = "--input-scale",
      paramLabel = "X",
      description = "Scale of coordinates before a sinusoidal/fourier embedding (default: 25).")
  Float inputScale;

  @Option(
      names = "--time-embedding",
      paramLabel = "E",
      description = "sinusoidal, learnable, linear or none (default: sinusoidal).")
  String timeEmbedding;

  @Option(
      names = "--embedding-size",
      paramLabel = "N",
      description = "Width of each embedding (default: 128).")
  Integer embeddingSize;

  @Option(
      names = "--batch-norm",
      description = "BatchNorm after each hidden Linear (folded into it at export).")
  boolean batchNorm;

  @Option(
      names = "--dropout",
      paramLabel = "P",
      description = "Dropout in hidden blocks (default: 0; removed at export).")
  Double dropout;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed for data, weights, batches and noise (default: 0).")
  Long seed;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "T",
      description =
          "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; measured fastest for this network on 2 cores).")
  int threads;

  private CommandLine commandLine;

  /**
   * The config these options describe, checked.
   *
   * @param commandLine the command that errors name
   * @throws ParameterException for a value out of range or a combination that cannot train
   */
  TrainingConfig toConfig(CommandLine commandLine) {
    this.commandLine = commandLine;
    require(dataset != null, "--dataset is required");
    TrainingConfig config = new TrainingConfig();
    config.dataset = dataset;
    config.data = data == null ? null : data.getPath();
    if (steps != null) {
      require(steps >= 1, "--steps must be at least 1, got " + steps);
      config.steps = steps;
    }
    if (epochs != null) {
      require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
      require(steps == null, "give --steps or --epochs, not both");
      config.epochs = epochs;
    }
    if (batchSize != null) {
      require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
      config.batchSize = batchSize;
    }
    if (lr != null) {
      require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
      config.learningRate = lr;
    }
    if (lrSchedule != null) {
      require(
          lrSchedule.equals("constant") || lrSchedule.equals("cosine"),
          "--lr-schedule must be constant or cosine, got '" + lrSchedule + "'");
      config.learningRateSchedule = lrSchedule;
    }
    if (process != null) {
      config.process = process;
      config.schedule = "ve".equals(process) ? "exp" : config.schedule;
    }
    if (prediction != null) {
      config.prediction = prediction;
    }
    if (schedule != null) {
      require(!"flow".equals(config.process), "--schedule does not apply to the flow process");
      config.schedule = schedule;
    }
    if (base != null) {
      require("flow".equals(config.process), "--base applies to the flow process only");
      config.base = base;
    }
    config.validate();
    if (seed != null) {
      config.seed = seed;
    }
    if (warmup != null) {
      config.warmupSteps = warmup;
    }
    if (lossWeighting != null) {
      config.lossWeighting = lossWeighting;
    }
    if (timeSampling != null) {
      config.timeSampling = timeSampling;
    }
    if (augment != null) {
      config.augment = augment;
    }
    if (device != null) {
      config.device = device;
    }
    config.conditional = conditional;
    if (cfgDropout != null) {
      require(conditional, "--cfg-dropout needs --conditional");
      config.cfgDropout = cfgDropout;
    }
    NetworkConfig net = config.network;
    if (arch != null) {
      net.setArch(arch);
    }
    if (width != null) {
      net.setWidth(width);
    }
    if (depth != null) {
      net.setDepth(depth);
    }
    if (activation != null) {
      net.setActivation(activation);
    }
    if (inputEmbedding != null) {
      net.setInputEmbedding(inputEmbedding);
    }
    if (inputScale != null) {
      net.setInputScale(inputScale);
    }
    if (timeEmbedding != null) {
      net.setTimeEmbedding(timeEmbedding);
    }
    if (embeddingSize != null) {
      net.setEmbeddingSize(embeddingSize);
    }
    if (dropout != null) {
      net.setDropout(dropout);
    }
    net.setBatchNorm(batchNorm).setFourierSeed(config.seed);
    TrainingLimits.checkThreads(threads);
    Datasets.byName(dataset, data);
    return config;
  }

  /** Sets PyTorch's thread counts from {@code --threads}; call before the engine starts. */
  void configureEngine() {
    TrainingLimits.checkThreads(threads);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(commandLine, message);
    }
  }
}
