package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.io.Json;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.TimeGrid;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.training.Devices;
import dev.pocketdiffusion.trainer.training.ProgressiveDistillation;
import dev.pocketdiffusion.trainer.training.RunFolder;
import dev.pocketdiffusion.trainer.training.TeacherPairs;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import dev.pocketdiffusion.trainer.training.TrainingLimits;
import dev.pocketdiffusion.trainer.training.TrainingResult;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code trainer reflow} and {@code trainer distill} share: draw (base, sample) pairs with the
 * teacher's deterministic ODE sampler through ONNX Runtime, train a flow student (velocity
 * prediction, the teacher's base) on those fixed pairs, and export and score it as {@code trainer
 * train} does. A student with {@link #calls()} K > 0 is trained only at the K times its K-step
 * Euler sampler visits, and its card says to sample it that way. {@code distill --method
 * progressive} instead trains by {@link ProgressiveDistillation} on the teacher's path.
 */
abstract class StudentCommand implements Callable<Integer> {
  private static final TrainingConfig DEFAULTS = new TrainingConfig();

  @Spec CommandSpec spec;

  @Option(
      names = "--teacher",
      required = true,
      paramLabel = "M.onnx",
      description = "The teacher model (vp, ve without data moments, or flow; any prediction).")
  File teacher;

  @Option(
      names = "--pairs",
      paramLabel = "N",
      description = "(base, sample) pairs drawn from the teacher (default: ${DEFAULT-VALUE}).")
  int pairs = 20_000;

  @Option(
      names = "--teacher-sampler",
      paramLabel = "S",
      description =
          "The teacher's deterministic sampler: ddim, euler, heun, midpoint, rk4, dpm++2m, dpm++3m, unipc (default: ${DEFAULT-VALUE}).")
  String teacherSampler = "dpm++2m";

  @Option(
      names = "--teacher-steps",
      paramLabel = "K",
      description = "The teacher sampler's steps (default: ${DEFAULT-VALUE}).")
  int teacherSteps = 50;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "The dataset the student's samples are scored against (default: the teacher card's).")
  String dataset;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
  int steps = DEFAULTS.steps;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize = DEFAULTS.batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double lr = DEFAULTS.learningRate;

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
      names = "--seed",
      paramLabel = "S",
      description = "Seed for the pairs, weights and batches (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed;

  @Option(
      names = "--device",
      paramLabel = "D",
      description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device = DEFAULTS.device;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory (created if missing).")
  File out;

  @Option(names = "--overwrite", description = "Replace the finished or interrupted run in --out.")
  boolean overwrite;

  /** The Euler steps the student is trained for and sampled with, or 0 for a plain reflow. */
  abstract int calls();

  /** The command's name, for messages. */
  abstract String name();

  /** True for a progressive distillation ({@code distill --method progressive}). */
  boolean progressive() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    if (progressive()) {
      return callProgressive();
    }
    Sampler sampler;
    try {
      TrainingLimits.checkThreads(threads);
      sampler = Samplers.create(teacherSampler, teacherSteps);
      if (sampler.isStochastic()) {
        throw new IllegalArgumentException(
            "--teacher-sampler must be deterministic: the student learns the teacher's ODE map, got "
                + teacherSampler);
      }
      if (pairs < 2 || pairs > TrainingLimits.MAX_POINTS) {
        throw new IllegalArgumentException(
            "--pairs must be in 2.." + TrainingLimits.MAX_POINTS + ", got " + pairs);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    RunFolder.check(out, overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.NEW);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    TeacherPairs drawn;
    TrainingConfig config;
    try (OnnxDenoiser model = OnnxDenoiser.builder().setModel(teacher).build()) {
      ModelCard card = model.card();
      config = config(card);
      try {
        drawn = TeacherPairs.draw(model, sampler, pairs, seed);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), teacher + ": " + e.getMessage(), e);
      }
    }
    spec.commandLine()
        .getErr()
        .println(
            String.format(
                Locale.ROOT,
                "%s: %d teacher pairs (%s, %d steps) in %.1f s",
                name(),
                pairs,
                teacherSampler,
                teacherSteps,
                drawn.seconds));
    TrainingJob job =
        new TrainingJob(config, out, Devices.parse(config.device))
            .overwrite(overwrite)
            .pairs(drawn.data, drawn.base);
    if (calls() > 0) {
      job.sampling("euler", calls());
    }
    TrainingResult result = TrainingRunner.run(job);
    spec.commandLine().getOut().println(Json.write(result.metrics()));
    spec.commandLine().getErr().println("wrote " + new File(out, "model.onnx"));
    return CliRunner.OK;
  }

  /**
   * Progressive distillation: the teacher's DDIM in N = K·2^R steps (the first such N at least
   * {@code --teacher-steps}), halved in each of R rounds of {@code --steps}/R optimiser steps, the
   * student on the teacher's path trained on the dataset's points; see {@link
   * ProgressiveDistillation}.
   */
  private Integer callProgressive() throws Exception {
    int calls = calls();
    int rounds;
    try {
      TrainingLimits.checkThreads(threads);
      if (given("--teacher-sampler") && !teacherSampler.equals("ddim")) {
        throw new IllegalArgumentException(
            "--method progressive distils the teacher's DDIM steps; drop --teacher-sampler "
                + teacherSampler);
      }
      if (given("--pairs")) {
        throw new IllegalArgumentException(
            "--pairs applies to --method pairs; progressive distillation trains on the dataset");
      }
      if (teacherSteps < 1 || teacherSteps > TrainingLimits.MAX_TIMESTEPS) {
        throw new IllegalArgumentException(
            "--teacher-steps must be in 1.."
                + TrainingLimits.MAX_TIMESTEPS
                + ", got "
                + teacherSteps);
      }
      rounds = rounds(teacherSteps, calls);
      if (steps < rounds) {
        throw new IllegalArgumentException(
            "--steps must be at least the " + rounds + " rounds, got " + steps);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    int firstSteps = calls << rounds;
    RunFolder.check(out, overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.NEW);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    try (OnnxDenoiser model = OnnxDenoiser.builder().setModel(teacher).build()) {
      TrainingConfig config = progressiveConfig(model, firstSteps, rounds);
      spec.commandLine()
          .getErr()
          .println(
              String.format(
                  Locale.ROOT,
                  "%s: progressive, ddim %d -> %d steps in %d rounds of %d optimiser steps",
                  name(),
                  firstSteps,
                  calls,
                  rounds,
                  config.steps / rounds));
      TrainingJob job =
          new TrainingJob(config, out, Devices.parse(config.device))
              .overwrite(overwrite)
              .progressive(model, firstSteps, rounds);
      TrainingResult result = TrainingRunner.run(job);
      spec.commandLine().getOut().println(Json.write(result.metrics()));
      spec.commandLine().getErr().println("wrote " + new File(out, "model.onnx"));
    }
    return CliRunner.OK;
  }

  /**
   * R, the fewest halvings from at least {@code teacherSteps} down to {@code calls} (at least 1).
   */
  static int rounds(int teacherSteps, int calls) {
    int rounds = 1;
    while ((long) calls << rounds < teacherSteps) {
      rounds++;
    }
    return rounds;
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /**
   * The progressive student's config: the teacher's path, x0 prediction for an ε teacher (a
   * one-step ε student cannot recover x0 where a(1) is nearly 0; Salimans &amp; Ho 2022, section 4)
   * and the teacher's prediction otherwise, trained on the dataset's points.
   */
  private TrainingConfig progressiveConfig(OnnxDenoiser model, int firstSteps, int rounds) {
    ModelCard card = model.card();
    TrainingConfig config = baseConfig(card);
    AffinePath path = card.path();
    if (path.numTimesteps() > 0 && firstSteps > path.numTimesteps()) {
      throw new ParameterException(
          spec.commandLine(),
          "--method progressive: the teacher's "
              + firstSteps
              + " DDIM steps exceed its T = "
              + path.numTimesteps()
              + "; lower --teacher-steps");
    }
    try {
      config.process = path.process().cliName();
      config.schedule =
          path instanceof VpPath
              ? ((VpPath) path).schedule().cliName()
              : path instanceof VePath
                  ? ((VePath) path).schedule().cliName()
                  : TrainingConfig.defaultSchedule(path.process());
      config.numTimesteps = path.numTimesteps() > 0 ? path.numTimesteps() : config.numTimesteps;
      config.base = path.base().cliName();
      Prediction taught = card.prediction();
      config.prediction = (taught == Prediction.EPSILON ? Prediction.X0 : taught).cliName();
      config.steps = steps / rounds * rounds;
      config.timeSampling = "uniform";
      config.teacher =
          teacher.getName()
              + " (ddim, "
              + firstSteps
              + " steps; progressive distillation in "
              + rounds
              + " rounds)";
      config.validate();
      double[] grid = TimeGrid.of(path, firstSteps, ProgressiveDistillation.SPACING);
      AffinePath own = config.path();
      for (double t : grid) {
        if (Math.abs(own.at(t).a - path.at(t).a) > 1e-12
            || Math.abs(own.at(t).b - path.at(t).b) > 1e-12) {
          throw new IllegalArgumentException(
              teacher
                  + "'s path ("
                  + path.process()
                  + ") has settings the trainer cannot train with; --method progressive needs"
                  + " the student on the teacher's path");
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return config;
  }

  /** The student's config: flow, velocity, the teacher's base, trained on the pairs. */
  private TrainingConfig config(ModelCard card) {
    TrainingConfig config = baseConfig(card);
    try {
      config.process = NoiseProcess.FLOW.cliName();
      config.schedule = TrainingConfig.defaultSchedule(NoiseProcess.FLOW);
      config.base = card.path().base().cliName();
      config.prediction = "velocity";
      config.datasetSize = pairs;
      config.timeSampling = calls() > 0 ? "euler:" + calls() : "uniform";
      config.teacher = teacher.getName() + " (" + teacherSampler + ", " + teacherSteps + " steps)";
      config.validate();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return config;
  }

  /**
   * What every student's config takes from the options and the teacher's card: the dataset it is
   * scored against, the optimiser, the network and the seed.
   */
  private TrainingConfig baseConfig(ModelCard card) {
    TrainingConfig config = new TrainingConfig();
    Object named = card.training().get("dataset");
    config.dataset = dataset != null ? dataset : named == null ? null : named.toString();
    if (config.dataset == null) {
      throw new ParameterException(
          spec.commandLine(),
          teacher + "'s card names no dataset; give --dataset to score the student against");
    }
    if (card.numClasses() > 0) {
      throw new ParameterException(
          spec.commandLine(), "class-conditional teachers are not supported yet");
    }
    try {
      Datasets.byName(config.dataset, null);
      config.steps = steps;
      config.batchSize = batchSize;
      config.learningRate = lr;
      config.seed = seed;
      config.device = device;
      config.network.setWidth(width).setDepth(depth).setFourierSeed(seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return config;
  }
}
