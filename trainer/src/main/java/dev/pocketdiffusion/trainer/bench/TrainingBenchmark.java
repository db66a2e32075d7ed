package dev.pocketdiffusion.trainer.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.bench.CpuClock;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.trainer.blocks.DenoiserMlp;
import dev.pocketdiffusion.trainer.training.DiffusionTrainer;
import dev.pocketdiffusion.trainer.training.Snapshots;
import dev.pocketdiffusion.trainer.training.StopSignal;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Timed windows of training, for {@code trainer bench}: the toolkit's own loop ({@link
 * DiffusionTrainer}: batch drawing and noising, weighted MSE, gradient clipping, EMA and the
 * per-step progress text) and a plain DJL loop of the same network, optimiser and batch shape
 * (EasyTrain: forward, L2 loss, backward, optimiser step, on ready-made arrays). Each window trains
 * a freshly initialised network: untimed warm-up steps, then timed steps until the window's time is
 * up. Windows are bounded in time, not steps, because other work on the machine can slow a step
 * many times over, and a fixed step count would then run for minutes.
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  /**
   * Untimed steps for at least {@code warmupSeconds} (and 3 steps), then timed steps for {@code
   * seconds}, on a wall clock and the stepping thread's CPU clock (both in nanoseconds).
   */
  static final class Window {
    private static final int MIN_WARMUP_STEPS = 3;
    private final long warmupNanos;
    private final long measureNanos;
    private final LongSupplier wallNanos;
    private final LongSupplier cpuNanos;
    private final long created;
    private int warmupSteps;
    private long start = -1;
    private long end = -1;
    private long cpuStart;
    private long cpuEnd;
    private int steps;

    Window(double warmupSeconds, double seconds) {
      this(warmupSeconds, seconds, System::nanoTime, CpuClock::threadNanos);
    }

    Window(double warmupSeconds, double seconds, LongSupplier wallNanos, LongSupplier cpuNanos) {
      this.warmupNanos = (long) (warmupSeconds * 1e9);
      this.measureNanos = (long) (seconds * 1e9);
      this.wallNanos = wallNanos;
      this.cpuNanos = cpuNanos;
      this.created = wallNanos.getAsLong();
    }

    /** Records one finished step; false once the timed part is over. */
    boolean step() {
      long now = wallNanos.getAsLong();
      if (start < 0) {
        warmupSteps++;
        if (warmupSteps >= MIN_WARMUP_STEPS && now - created >= warmupNanos) {
          start = now;
          cpuStart = cpuNanos.getAsLong();
        }
        return true;
      }
      steps++;
      if (now - start >= measureNanos) {
        end = now;
        cpuEnd = cpuNanos.getAsLong();
        return false;
      }
      return true;
    }

    /** Timed steps per second of wall time. */
    double stepsPerSecond() {
      if (end < 0) {
        throw new IllegalStateException("the window is still open after " + steps + " timed steps");
      }
      return steps / ((end - start) / 1e9);
    }

    /** Timed steps per second of the stepping thread's CPU time. */
    double stepsPerCpuSecond() {
      stepsPerSecond(); // the same check
      return steps / ((cpuEnd - cpuStart) / 1e9);
    }

    /** Both rates: {wall, CPU}. */
    double[] rates() {
      return new double[] {stepsPerSecond(), stepsPerCpuSecond()};
    }
  }

  /** Ends a toolkit-loop window from inside its listener. */
  private static final class WindowClosed extends RuntimeException {
    WindowClosed() {
      super(null, null, false, false);
    }
  }

  /**
   * Steps per second of wall time and of the calling thread's CPU time ({wall, CPU}) of {@link
   * DiffusionTrainer#train} with {@code config} on {@code data}. The listener does what {@code
   * trainer train}'s does (format the progress text) and ends the run when the window closes,
   * before any checkpoint is written to {@code scratch}.
   */
  public static double[] toolkitLoop(
      TrainingConfig config, Points data, double warmupSeconds, double seconds, File scratch)
      throws IOException {
    config.steps = 1_000_000; // more than any window runs
    config.epochs = 0;
    config.checkpointEvery = Integer.MAX_VALUE;
    AffinePath path = config.path();
    Prediction prediction = Prediction.parse(config.prediction);
    ModelCard card = ModelCard.create(path, prediction, data.dimension());
    String[] progressText = new String[1];
    long[] lastDraw = {0};
    try (DiffusionTrainer trainer =
        new DiffusionTrainer(
            config,
            path,
            prediction,
            new DenoiserMlp(config.network.setDimension(data.dimension())),
            Device.cpu())) {
      Window window = new Window(warmupSeconds, seconds);
      try {
        trainer.train(
            data,
            null,
            scratch,
            card,
            new StopSignal(),
            (step, total, loss) -> {
              // what `trainer train`'s progress bar does: format the loss only when it redraws (5
              // times a second)
              Supplier<String> detail = () -> String.format(Locale.ROOT, "loss %.4f", loss);
              long now = System.nanoTime();
              if (now - lastDraw[0] >= 200_000_000L) {
                lastDraw[0] = now;
                progressText[0] = detail.get();
              }
              if (!window.step()) {
                throw new WindowClosed();
              }
            },
            null,
            Snapshots.NONE);
      } catch (WindowClosed closed) {
        return window.rates();
      }
      throw new IllegalStateException("training ended before the benchmark window closed");
    }
  }

  /**
   * Steps per second ({wall, CPU}, as {@link #toolkitLoop}) of a plain DJL loop training the
   * network of {@code config} with AdamW at its learning rate and weight decay, on one fixed random
   * batch of {@code config.batchSize}.
   */
  public static double[] plainLoop(
      TrainingConfig config, int dimension, double warmupSeconds, double seconds) {
    int batch = config.batchSize;
    Random rng = new Random(config.seed);
    float[] x = gaussian(rng, batch * dimension);
    float[] y = gaussian(rng, batch * dimension);
    float[] t = new float[batch];
    for (int i = 0; i < batch; i++) {
      t[i] = rng.nextInt(1000);
    }
    Optimizer optimizer =
        Optimizer.adamW()
            .optLearningRateTracker(Tracker.fixed((float) config.learningRate))
            .optWeightDecays((float) config.weightDecay)
            .build();
    DefaultTrainingConfig trainingConfig =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(optimizer)
            .optDevices(new Device[] {Device.cpu()});
    Shape xShape = new Shape(batch, dimension);
    try (Model model = Model.newInstance("plain", Device.cpu())) {
      model.setBlock(new DenoiserMlp(config.network.setDimension(dimension)));
      try (Trainer trainer = model.newTrainer(trainingConfig)) {
        trainer.initialize(xShape, new Shape(batch));
        Window window = new Window(warmupSeconds, seconds);
        for (int step = 0; ; step++) {
          try (NDManager m = trainer.getManager().newSubManager()) {
            NDList inputs = new NDList(m.create(x, xShape), m.create(t));
            NDList labels = new NDList(m.create(y, xShape));
            EasyTrain.trainBatch(
                trainer,
                new Batch(m, inputs, labels, batch, Batchifier.STACK, Batchifier.STACK, step, 0));
            trainer.step();
          }
          if (!window.step()) {
            return window.rates();
          }
        }
      }
    }
  }

  /**
   * Microseconds to draw and noise one batch on the Java side, as {@link DiffusionTrainer} does
   * each step.
   */
  public static double batchFillMicros(TrainingConfig config, Points data, int batches) {
    Runnable drawBatch = DiffusionTrainer.batchDrawer(config, data);
    for (int i = 0; i < batches; i++) { // warm-up: JIT
      drawBatch.run();
    }
    long start = System.nanoTime();
    for (int i = 0; i < batches; i++) {
      drawBatch.run();
    }
    return (System.nanoTime() - start) / 1e3 / batches;
  }

  private static float[] gaussian(Random rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }
}
