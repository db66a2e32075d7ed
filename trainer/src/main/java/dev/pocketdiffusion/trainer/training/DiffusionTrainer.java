package dev.pocketdiffusion.trainer.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import java.io.File;
import java.io.IOException;
import java.util.Random;

/**
 * Trains a denoising network with DJL: each step draws a batch of data points, a timestep and a
 * base sample per point, noises them with the runtime's {@link AffinePath} and regresses the {@link
 * Prediction} target with mean squared error. AdamW, global gradient-norm clipping, seeded
 * everything; the per-step NDManager is closed so nothing accumulates.
 */
public final class DiffusionTrainer implements AutoCloseable {
  private final TrainingConfig config;
  private final AffinePath path;
  private final Model model;
  private final Block network;
  private final TimeSampler times;
  private final boolean weighted;
  private final Augmentation augmentation;
  private Points pairedBase;
  private TrainingBatch.Targets targets;
  private int restartEvery;

  /** Prepares a trainer for {@code network} on {@code device}. */
  public DiffusionTrainer(
      TrainingConfig config, AffinePath path, Prediction prediction, Block network, Device device) {
    this.config = config;
    this.path = path;
    this.network = network;
    this.model = Model.newInstance("denoiser", device);
    model.setBlock(network);
    this.times =
        new TimeSampler(
            path,
            prediction,
            config.timeSampling,
            config.lossWeighting,
            EdmPreconditioning.of(config));
    this.weighted = !times.uniformWeights();
    this.augmentation = new Augmentation(config.augment);
  }

  /**
   * Draws and noises the next batch of {@code data} on the Java side, each time it runs, as every
   * step of {@link #train} does before the network sees it (unconditional, seeded with {@code
   * config.seed}): the batch cost that {@code trainer bench} times.
   */
  public static Runnable batchDrawer(TrainingConfig config, Points data) {
    AffinePath path = config.path();
    TimeSampler times =
        new TimeSampler(
            path,
            Prediction.parse(config.prediction),
            config.timeSampling,
            config.lossWeighting,
            EdmPreconditioning.of(config));
    Augmentation augmentation = new Augmentation(config.augment);
    Random rng = new Random(config.seed);
    TrainingBatch.BatchRows rows = new TrainingBatch.BatchRows(data.size(), rng);
    TrainingBatch b =
        new TrainingBatch(
            config.batchSize, data.dimension(), false, config.coupling.equals("ot"), null);
    return () -> b.fill(rows, data, null, 0, 0, times, path, augmentation, rng);
  }

  /**
   * Trains on fixed pairs: each data row's base point is {@code base}'s row of the same index
   * (reflow), not an independent draw.
   */
  public DiffusionTrainer pairedBase(Points base) {
    this.pairedBase = base;
    return this;
  }

  /**
   * Takes each batch's noisy points and targets from {@code targets} (progressive distillation)
   * instead of the path, and restarts the learning-rate schedule every {@code restartEvery} steps
   * (each round of a distillation; 0: never).
   */
  public DiffusionTrainer targets(TrainingBatch.Targets targets, int restartEvery) {
    this.targets = targets;
    this.restartEvery = restartEvery;
    return this;
  }

  /** The network being trained. */
  public Block network() {
    return network;
  }

  /** The model's manager, parent of every temporary array. */
  public NDManager manager() {
    return model.getNDManager();
  }

  /**
   * Runs the configured number of steps on {@code data}, checkpointing into {@code checkpointDir}
   * (each checkpoint also records {@code card}, so it can be exported on its own, and the {@link
   * TrainingState} that lets a run resume exactly). For a class-conditional card, {@code labels}
   * holds each data point's class and a share {@code cfgDropout} of them is replaced by the null
   * label while training. With an EMA decay, the network ends up holding the averaged weights (and
   * the final checkpoint stores them): those are the weights that get exported.
   *
   * @param resume the state of an interrupted run to continue, saved in {@code checkpointDir} with
   *     the weights this run starts from, or null to start afresh
   * @param snapshots shown the network, with the weights it would export, at the steps it asks for
   * @return the loss of every step, the resumed run's earlier steps included
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   * @throws TrainingStoppedException after saving a checkpoint, when {@code stop} was requested
   */
  public double[] train(
      Points data,
      long[] labels,
      File checkpointDir,
      ModelCard card,
      StopSignal stop,
      TrainingListener listener,
      TrainingState resume,
      Snapshots snapshots)
      throws IOException {
    int classes = card.numClasses();
    Engine.getInstance().setRandomSeed((int) config.seed);
    int total = config.totalSteps();
    int first = resume == null ? 0 : resume.step;
    ResumableAdamW optimizer =
        ResumableAdamW.builder()
            .setLearningRateTracker(learningRate(total))
            .optWeightDecays((float) config.weightDecay)
            .optBeginNumUpdate(first)
            .build();
    // DJL's Trainer initialises the network, runs the forward pass and collects gradients; the loss
    // is computed below and the update is TrainableParameters.step, not Trainer.step.
    DefaultTrainingConfig trainingConfig =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(optimizer)
            .optDevices(new Device[] {model.getNDManager().getDevice()});
    double[] losses = new double[total];
    int dim = data.dimension();
    int batch = config.batchSize;
    Random rng = resume == null ? new Random(config.seed) : resume.rng;
    TrainingBatch.BatchRows rows =
        resume == null
            ? new TrainingBatch.BatchRows(data.size(), rng)
            : new TrainingBatch.BatchRows(resume.rowOrder, resume.rowPosition, rng);
    if (pairedBase != null && pairedBase.size() != data.size()) {
      throw new IllegalArgumentException(
          pairedBase.size() + " base points for " + data.size() + " data rows");
    }
    TrainingBatch b =
        new TrainingBatch(
            batch, dim, classes > 0, config.coupling.equals("ot"), pairedBase, targets);
    try (Trainer trainer = model.newTrainer(trainingConfig)) {
      if (classes > 0) {
        trainer.initialize(new Shape(batch, dim), new Shape(batch), new Shape(batch));
      } else {
        trainer.initialize(new Shape(batch, dim), new Shape(batch));
      }
      if (resume != null) {
        copyWeightsFrom(checkpointDir);
      }
      GradientClipping clipping = new GradientClipping(config.gradientClip);
      try (TrainableParameters parameters = new TrainableParameters(network);
          WeightAverage average =
              config.emaDecay > 0 ? new WeightAverage(network, config.emaDecay) : null) {
        if (resume != null) {
          System.arraycopy(resume.losses, 0, losses, 0, first);
          optimizer.restore(network, resume.moments, model.getNDManager());
          if (average != null) {
            average.restore(resume.averages);
          }
        }
        for (int step = first; step < total; step++) {
          if (stop.requested()) {
            save(checkpointDir, card, step, losses, rng, rows, optimizer, average);
            String message =
                "training stopped at step "
                    + step
                    + "; checkpoint saved in "
                    + checkpointDir
                    + "; continue with --resume";
            System.err.println(message); // the JVM may be exiting: say it before confirming
            stop.confirm();
            throw new TrainingStoppedException(message);
          }
          b.fill(rows, data, labels, classes, config.cfgDropout, times, path, augmentation, rng);
          if (config.network.dropout() > 0) {
            Engine.getInstance()
                .setRandomSeed(
                    (int) (config.seed * 1_000_003L + step)); // dropout masks resume exactly
          }
          double loss = step(trainer, b, parameters, optimizer, clipping);
          if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(
                "training diverged at step "
                    + (step + 1)
                    + " (loss "
                    + loss
                    + "); "
                    + (new File(checkpointDir, Checkpoints.META).isFile()
                        ? "the last good checkpoint is in " + checkpointDir
                        : "no checkpoint was saved before it")
                    + "; try a lower --lr");
          }
          losses[step] = loss;
          if (average != null) {
            average.update(step);
          }
          listener.onStep(step + 1, total, loss);
          if (step + 1 < total && snapshots.at(step + 1)) {
            snapshot(snapshots, step + 1, average);
          }
          if ((step + 1) % config.checkpointEvery == 0 && step + 1 < total) {
            save(checkpointDir, card, step + 1, losses, rng, rows, optimizer, average);
          }
        }
        if (average != null) {
          average.copyInto();
        }
        save(checkpointDir, card, total, losses, rng, rows, optimizer, average);
      }
      if (snapshots.at(total)) {
        snapshots.take(total, network);
      }
    }
    return losses;
  }

  /** Overwrites the (initialised) network's weights with those of the checkpoint in {@code dir}. */
  private void copyWeightsFrom(File dir) {
    try (Checkpoints.Restored saved = Checkpoints.load(dir)) {
      ParameterList from = saved.network().getParameters();
      ParameterList to = network.getParameters();
      for (int i = 0; i < to.size(); i++) {
        from.valueAt(i).getArray().copyTo(to.valueAt(i).getArray());
      }
    }
  }

  private void save(
      File dir,
      ModelCard card,
      int steps,
      double[] losses,
      Random rng,
      TrainingBatch.BatchRows rows,
      ResumableAdamW optimizer,
      WeightAverage average)
      throws IOException {
    TrainingState state =
        new TrainingState(
            steps,
            losses,
            rng,
            rows.order(),
            rows.position(),
            optimizer.moments(network),
            average == null ? new NDList() : average.averages());
    Checkpoints.save(dir, network, config, card, state, steps > 0 ? losses[steps - 1] : Double.NaN);
  }

  /**
   * Shows the network with the weights it would export now: the average, swapped in for the call.
   */
  private void snapshot(Snapshots snapshots, int step, WeightAverage average) {
    if (average == null) {
      snapshots.take(step, network);
      return;
    }
    average.swap();
    try {
      snapshots.take(step, network);
    } finally {
      average.swap();
    }
  }

  private Tracker learningRate(int total) {
    if (restartEvery > 0) {
      Tracker round = schedule(restartEvery);
      return update -> round.getNewValue(update % restartEvery);
    }
    return schedule(total);
  }

  private Tracker schedule(int total) {
    float peak = (float) config.learningRate;
    Tracker main;
    switch (config.learningRateSchedule) {
      case "constant":
        main = Tracker.fixed(peak);
        break;
      case "cosine":
        main =
            Tracker.cosine()
                .setBaseValue(peak)
                .optFinalValue(peak / 100)
                .setMaxUpdates(total)
                .build();
        break;
      default:
        throw new IllegalArgumentException(
            "unknown learning-rate schedule '"
                + config.learningRateSchedule
                + "' (choose one of: constant, cosine)");
    }
    if (config.warmupSteps <= 0) {
      return main;
    }
    return Tracker.warmUp()
        .setMainTracker(main)
        .optWarmUpSteps(config.warmupSteps)
        .optWarmUpBeginValue(0f)
        .build();
  }

  private double step(
      Trainer trainer,
      TrainingBatch b,
      TrainableParameters parameters,
      ResumableAdamW optimizer,
      GradientClipping clipping) {
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDArray x = m.create(b.noisy, new Shape(b.size, b.dim));
      NDArray t = m.create(b.networkTimes);
      NDArray y = m.create(b.target, new Shape(b.size, b.dim));
      double loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList inputs = b.labels == null ? new NDList(x, t) : new NDList(x, t, m.create(b.labels));
        NDArray predicted = trainer.forward(inputs).singletonOrThrow();
        NDArray squares = predicted.sub(y).square();
        if (weighted) { // a multiply by all-ones weights would change nothing but cost a kernel
          // each way
          squares = squares.mul(m.create(b.lossWeights, new Shape(b.size, 1)));
        }
        NDArray mse = squares.mean();
        collector.backward(mse);
        loss = mse.getFloat();
      }
      if (Double.isFinite(loss)) {
        optimizer.scaleGradients(clipping.scale(parameters.gradients()));
        parameters.step(optimizer);
      }
      return loss;
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
