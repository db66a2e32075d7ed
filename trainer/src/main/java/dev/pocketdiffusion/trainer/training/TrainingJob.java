package dev.pocketdiffusion.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.exporter.OnnxExporter;
import dev.pocketdiffusion.exporter.ParityCheck;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.io.Json;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.metrics.PathStraightness;
import dev.pocketdiffusion.metrics.SampleQuality;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.sampling.DataMoments;
import dev.pocketdiffusion.sampling.DataRange;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import dev.pocketdiffusion.trainer.blocks.DenoiserMlp;
import dev.pocketdiffusion.trainer.blocks.NetworkConfig;
import dev.pocketdiffusion.trainer.datasets.ClassWeights;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.datasets.LabelledDataset;
import dev.pocketdiffusion.trainer.datasets.PointDataset;
import java.io.File;
import java.io.IOException;
import java.util.Map;

/**
 * A whole training run, as {@code trainer train} performs it: train, export to ONNX, prove parity
 * with DJL, sample the exported file through ONNX Runtime, score the samples, and write {@code
 * model.onnx}, {@code samples.csv}, {@code metrics.json}, {@code loss.csv}, {@code config.json} and
 * {@code checkpoint/} into the output directory. What the run's pictures show comes back in its
 * {@link TrainingResult}; drawing them is the caller's.
 */
public final class TrainingJob {
  /** Points sampled from the trained model for the report. */
  public static final int EVAL_SAMPLES = 1000;

  /** The sampler used for the report: DDIM, 50 steps. */
  public static final int EVAL_STEPS = 50;

  /** x̂0 is clamped to the training data's box widened by this share of its extent on each side. */
  public static final double CLIP_MARGIN = 0.1;

  /** Random inputs in the DJL-vs-ORT parity check. */
  public static final int PARITY_INPUTS = 10_000;

  private final TrainingConfig config;
  private final File outDir;
  private final Device device;
  private final boolean resume;
  private boolean overwrite;
  private volatile boolean trained;
  private final StopSignal stop = new StopSignal();
  private int[] snapshotSteps = new int[0];
  private ModelListener snapshotListener;
  private TrainingListener progress = TrainingListener.NONE;
  private Points pairedData;
  private Points pairedBase;
  private String sampler;
  private int samplerSteps;
  private TimestepSpacing samplerSpacing;
  private Denoiser progressiveTeacher;
  private int progressiveTeacherSteps;
  private int progressiveRounds;
  private ProgressiveDistillation progressive;

  /** Trajectories over which a student's {@code straightness} metric is measured. */
  public static final int STRAIGHTNESS_TRAJECTORIES = 2000;

  /** Euler steps of each trajectory of a student's {@code straightness} metric. */
  public static final int STRAIGHTNESS_STEPS = 100;

  /** Receives the model as ONNX Runtime samples it, at chosen steps of the training. */
  public interface ModelListener {
    /**
     * Called at {@code step} with the exported model at that step; {@code model} is closed after
     * the call.
     */
    void onModel(int step, Denoiser model);
  }

  /** A job writing into {@code outDir}. */
  public TrainingJob(TrainingConfig config, File outDir, Device device) {
    this(config, outDir, device, false);
  }

  private TrainingJob(TrainingConfig config, File outDir, Device device, boolean resume) {
    this.config = config;
    this.outDir = outDir;
    this.device = device;
    this.resume = resume;
  }

  /**
   * A job that continues the interrupted run in {@code outDir} from its last checkpoint, with the
   * config recorded there: weights, optimizer moments, weight average, random generator and batch
   * order are restored, so the run ends exactly as it would have without the interruption.
   *
   * @param device where to train, or null for the device the run recorded
   * @throws InvalidInputException if {@code outDir} holds no resumable checkpoint
   */
  public static TrainingJob resume(File outDir, Device device) {
    TrainingConfig config = Checkpoints.readConfig(checkpointDir(outDir));
    if (config.teacher != null) {
      throw new InvalidInputException(
          outDir
              + " trained on pairs from the teacher "
              + config.teacher
              + ", which its checkpoint does not hold; run the reflow or distill command again");
    }
    return new TrainingJob(
        config, outDir, device != null ? device : Devices.parse(config.device), true);
  }

  private static File checkpointDir(File outDir) {
    return new File(outDir, "checkpoint");
  }

  /**
   * Also exports the network at each of {@code steps} (1-based; the last step is the final model)
   * and gives it to {@code listener}, e.g. to sample it over the course of training.
   */
  public TrainingJob snapshots(int[] steps, ModelListener listener) {
    this.snapshotSteps = steps.clone();
    this.snapshotListener = listener;
    return this;
  }

  /**
   * Lets a new job replace the finished or interrupted run in its directory (by default it is
   * refused, see {@link RunFolder#check}).
   */
  public TrainingJob overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  private RunFolder.Mode mode() {
    if (resume) {
      return RunFolder.Mode.RESUME;
    }
    return overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.NEW;
  }

  /**
   * Trains on fixed pairs instead of the dataset (reflow): row i of {@code data} is noised with row
   * i of {@code base} instead of an independent base draw. The config's dataset still provides the
   * reference points the samples are scored against.
   */
  public TrainingJob pairs(Points data, Points base) {
    if (data.size() != base.size() || data.dimension() != base.dimension()) {
      throw new IllegalArgumentException("pairs need as many base points as data points");
    }
    this.pairedData = data;
    this.pairedBase = base;
    return this;
  }

  /**
   * Records in the model's card that it is meant to be sampled with {@code sampler} in {@code
   * steps} steps, and scores it with them instead of DDIM-50.
   */
  public TrainingJob sampling(String sampler, int steps) {
    return sampling(sampler, steps, null);
  }

  /**
   * As {@link #sampling(String, int)}, on the time grid of {@code spacing} (null: the sampler's
   * recommended one), which the card records too.
   */
  public TrainingJob sampling(String sampler, int steps, TimestepSpacing spacing) {
    Samplers.create(sampler, steps, 0.0, spacing);
    this.sampler = sampler;
    this.samplerSteps = steps;
    this.samplerSpacing = spacing;
    return this;
  }

  /**
   * Trains by progressive distillation of {@code teacher} (see {@link ProgressiveDistillation}):
   * DDIM in {@code teacherSteps} steps, halved in each of {@code rounds} rounds of equally many of
   * the config's steps, the first round's student starting from scratch; the student is sampled
   * with DDIM in teacherSteps / 2^rounds steps on the trailing grid. The teacher stays the
   * caller's.
   */
  public TrainingJob progressive(Denoiser teacher, int teacherSteps, int rounds) {
    if (config.totalSteps() % rounds != 0) {
      throw new IllegalArgumentException(
          "progressive distillation needs steps divisible by its " + rounds + " rounds");
    }
    this.progressiveTeacher = teacher;
    this.progressiveTeacherSteps = teacherSteps;
    this.progressiveRounds = rounds;
    return sampling("ddim", teacherSteps >> rounds, ProgressiveDistillation.SPACING);
  }

  /** Also tells {@code listener} of every training step, e.g. to draw a progress bar. */
  public TrainingJob progress(TrainingListener listener) {
    this.progress = listener;
    return this;
  }

  /** The directory the job writes into. */
  public File outDir() {
    return outDir;
  }

  /**
   * Runs the job; returns the losses, the exported model's samples beside fresh data, and their
   * scores.
   */
  public TrainingResult run() throws IOException {
    PointDataset dataset =
        Datasets.byName(config.dataset, config.data == null ? null : new File(config.data));
    AffinePath path = config.path();
    Prediction prediction = Prediction.parse(config.prediction);
    config.validate();
    long[] labels = config.conditional ? new long[config.datasetSize] : null;
    Points data = pairedData != null ? pairedData : trainingData(dataset, labels);
    if (config.preconditioning.equals("edm") && !(config.sigmaData > 0)) {
      config.sigmaData = EdmPreconditioning.sigmaDataOf(data);
    }
    NetworkConfig networkConfig =
        config
            .network
            .setDimension(data.dimension())
            .setNumClasses(
                config.conditional ? ((LabelledDataset) dataset).classNames().size() : 0);
    ModelCard card = card(path, prediction, dataset, data, networkConfig);
    // every option is checked above: only now is anything written
    try (RunFolder folder = RunFolder.claim(outDir, mode())) {
      Thread hook = new Thread(() -> onShutdown(folder), "pocket-diffusion-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return run(folder, dataset, path, prediction, data, labels, networkConfig, card);
      } finally {
        removeHook(hook);
      }
    } catch (IOException e) {
      throw WriteFailure.of(outDir, e);
    }
  }

  /**
   * What SIGINT or SIGTERM does: while training, stop at the next step with a checkpoint; then
   * remove the hidden temporary files of writes that the exit cuts short.
   */
  private void onShutdown(RunFolder folder) {
    boolean exporting = trained;
    stop.requestAndWait();
    folder.removeTemporaries();
    if (exporting) {
      System.err.println(
          "stopped after training, before all outputs were written; the trained checkpoint is in "
              + checkpointDir(outDir)
              + " (trainer export --checkpoint writes its model)");
    }
  }

  private TrainingResult run(
      RunFolder folder,
      PointDataset dataset,
      AffinePath path,
      Prediction prediction,
      Points data,
      long[] labels,
      NetworkConfig networkConfig,
      ModelCard card)
      throws IOException {
    AtomicFiles.writeString(new File(folder.dir(), "config.json"), Json.write(config));
    int perRound = progressiveTeacher == null ? 0 : config.totalSteps() / progressiveRounds;
    progressive =
        progressiveTeacher == null
            ? null
            : new ProgressiveDistillation(
                progressiveTeacher,
                progressiveTeacherSteps,
                progressiveRounds,
                perRound,
                path,
                prediction,
                card);
    try (DiffusionTrainer trainer =
            new DiffusionTrainer(config, path, prediction, new DenoiserMlp(networkConfig), device)
                .pairedBase(pairedBase)
                .targets(progressive, perRound);
        ProgressiveDistillation rounds = progressive) {
      long start = System.nanoTime();
      double[] losses = train(trainer, data, labels, card);
      if (progressive != null) {
        card.training()
            .put("teacher_seconds", Math.round(progressive.teacherSeconds() * 10) / 10.0);
        card.training()
            .put("hand_over_seconds", Math.round(progressive.handOverSeconds * 1000) / 1000.0);
      }
      trained = true;
      double seconds = (System.nanoTime() - start) / 1e9;
      writeLosses(new File(outDir, "loss.csv"), losses);
      card.training().put("steps", losses.length);
      card.training().put("final_loss", tailMean(losses));
      card.training().put("seconds", Math.round(seconds * 10) / 10.0);

      Block exported = exportedNetwork(config, trainer.network(), card);
      byte[] bytes = exportWithParity(exported, trainer.manager(), card, config.seed);

      Points generated;
      String evalSampler = sampler != null ? sampler : "ddim";
      int evalSteps = sampler != null ? samplerSteps : EVAL_STEPS;
      double straightness = Double.NaN;
      try (OnnxDenoiser denoiser =
          OnnxDenoiser.builder().setModelBytes(bytes, "exported model").build()) {
        generated =
            Sampling.generate(
                denoiser,
                Samplers.create(evalSampler, evalSteps, 0.0, samplerSpacing),
                EVAL_SAMPLES,
                config.seed);
        if (pairedData != null) {
          straightness =
              PathStraightness.measure(
                  denoiser, STRAIGHTNESS_TRAJECTORIES, STRAIGHTNESS_STEPS, config.seed);
        }
      }
      Points reference = dataset.sample(EVAL_SAMPLES, config.seed + 1);
      Map<String, Double> scores =
          SampleQuality.evaluate(reference, generated, config.seed).asMap();
      card.metrics().putAll(scores);
      card.metrics().put("eval_sampler_" + evalSampler + "_steps", (double) evalSteps);
      if (pairedData != null) {
        card.metrics().put("straightness", straightness);
      }

      OnnxExporter.write(OnnxExporter.export(exported, card), new File(outDir, "model.onnx"));
      PointsCsv.write(new File(outDir, "samples.csv"), generated);
      AtomicFiles.writeString(new File(outDir, "metrics.json"), Json.write(card.metrics()));
      return new TrainingResult(card.metrics(), losses, dataset.cliName(), reference, generated);
    }
  }

  /**
   * The training set, filling {@code labels} with each point's class when it is not null
   * (conditional runs).
   */
  private Points trainingData(PointDataset dataset, long[] labels) {
    if (labels == null) {
      return dataset.sample(config.datasetSize, config.seed);
    }
    if (!(dataset instanceof LabelledDataset)) {
      throw new IllegalArgumentException(
          "--conditional needs a labelled dataset (squares, digits, mnist:…); "
              + dataset.cliName()
              + " has no classes");
    }
    LabelledDataset labelled = (LabelledDataset) dataset;
    if (!config.classWeights.isEmpty()) {
      return ClassWeights.parse(config.classWeights)
          .sample(labelled, config.datasetSize, config.seed, labels);
    }
    return labelled.sample(config.datasetSize, config.seed, labels);
  }

  /**
   * The model card of the run, before training: path, prediction, clip box, classes and the
   * training settings.
   */
  private ModelCard card(
      AffinePath path,
      Prediction prediction,
      PointDataset dataset,
      Points data,
      NetworkConfig networkConfig) {
    ModelCard card = ModelCard.create(path, prediction, data.dimension());
    if (sampler != null) {
      card.recommend(
          sampler, samplerSteps, null, samplerSpacing == null ? null : samplerSpacing.cliName());
    }
    card.setDataRange(DataRange.around(data, CLIP_MARGIN));
    if (path instanceof VePath) {
      card.setDataMoments(DataMoments.of(data)); // ve sampling starts from them
    }
    if (config.conditional) {
      card.setClasses(((LabelledDataset) dataset).classNames());
      card.training().put("cfg_dropout", config.cfgDropout);
      if (!config.classWeights.isEmpty()) {
        card.training().put("class_weights", config.classWeights);
      }
    }
    Map<String, Object> training = card.training();
    training.put("dataset", dataset.cliName());
    if (config.teacher != null) {
      training.put("teacher", config.teacher);
      if (pairedBase != null) {
        training.put("coupling", "teacher pairs");
      }
    } else if (!config.coupling.equals("independent")) {
      training.put("coupling", config.coupling);
    }
    training.put("dataset_size", config.datasetSize);
    training.put("batch_size", config.batchSize);
    training.put("learning_rate", config.learningRate);
    training.put("seed", config.seed);
    training.put("network", networkConfig.describe());
    return card;
  }

  /** Trains (or resumes), a stop request ending at a checkpoint; returns the loss of every step. */
  private double[] train(DiffusionTrainer trainer, Points data, long[] labels, ModelCard card)
      throws IOException {
    stop.arm();
    try {
      TrainingState state =
          resume ? Checkpoints.loadState(checkpointDir(outDir), trainer.manager()) : null;
      if (state != null && state.step >= config.totalSteps()) {
        throw new InvalidInputException(
            outDir
                + ": this run already finished ("
                + state.step
                + " of "
                + config.totalSteps()
                + " steps); nothing to resume");
      }
      return trainer.train(
          data, labels, checkpointDir(outDir), card, stop, progress, state, snapshots(card));
    } finally {
      stop.disarm();
    }
  }

  /**
   * The denoiser that is exported from the trained {@code network}: the network itself, or, with
   * {@code --preconditioning edm}, the network wrapped in its preconditioning.
   */
  public static Block exportedNetwork(TrainingConfig config, Block network, ModelCard card) {
    EdmPreconditioning edm = EdmPreconditioning.of(config);
    return edm == null ? network : edm.wrap(network, config.path(), card);
  }

  /**
   * Exports {@code network} with {@code card} and proves ORT agrees with DJL on {@link
   * #PARITY_INPUTS} random inputs, recording the difference in the card's metrics.
   *
   * @return the serialised model that was checked (its card predates the parity metric: export
   *     again to write the card as it now stands)
   * @throws IllegalStateException if the difference exceeds {@link ParityCheck#TOLERANCE}
   */
  public static byte[] exportWithParity(
      Block network, NDManager manager, ModelCard card, long seed) {
    byte[] bytes = OnnxExporter.export(network, card).toByteArray();
    try (OnnxNetwork onnx = OnnxNetwork.open(bytes, "exported model", 1)) {
      ParityCheck.Report parity =
          ParityCheck.run(
              network,
              manager,
              onnx,
              PARITY_INPUTS,
              card.maxNetworkTime(),
              card.numClasses() + 1,
              seed);
      System.err.println(parity);
      if (!parity.passed()) {
        throw new IllegalStateException("exported model disagrees with DJL: " + parity);
      }
      card.metrics().put("parity_max_abs_diff", parity.maxAbsDiff());
    }
    return bytes;
  }

  /**
   * The snapshots that export the network with {@code card} for the listener, or none without a
   * listener.
   */
  private Snapshots snapshots(ModelCard card) {
    if (progressive != null) { // each round's student, exported, teaches the next round
      return new Snapshots(
          progressive.roundEnds(),
          (step, network) -> {
            long start = System.nanoTime();
            byte[] bytes =
                OnnxExporter.export(exportedNetwork(config, network, card), card).toByteArray();
            progressive.nextRound(
                OnnxDenoiser.builder().setModelBytes(bytes, "student at step " + step).build());
            progressive.handOverSeconds += (System.nanoTime() - start) / 1e9;
          });
    }
    if (snapshotListener == null) {
      return Snapshots.NONE;
    }
    return new Snapshots(
        snapshotSteps,
        (step, network) -> {
          byte[] bytes =
              OnnxExporter.export(exportedNetwork(config, network, card), card).toByteArray();
          try (OnnxDenoiser model =
              OnnxDenoiser.builder().setModelBytes(bytes, "model at step " + step).build()) {
            snapshotListener.onModel(step, model);
          }
        });
  }

  /** The signal that stops training at the next step with a checkpoint (Ctrl-C uses it too). */
  public StopSignal stopSignal() {
    return stop;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running and must stay
    }
  }

  /** Mean loss of the last 1% of steps (at least one): a less noisy "final loss". */
  private static double tailMean(double[] losses) {
    int n = Math.max(1, losses.length / 100);
    double sum = 0;
    for (int i = losses.length - n; i < losses.length; i++) {
      sum += losses[i];
    }
    return sum / n;
  }

  private static void writeLosses(File file, double[] losses) throws IOException {
    StringBuilder sb = new StringBuilder("step,loss\n");
    for (int i = 0; i < losses.length; i++) {
      sb.append(i + 1).append(',').append((float) losses[i]).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
