package dev.pocketdiffusion.android;

import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Denoiser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The app's state that outlives a screen rotation: the opened models, the sampling worker thread,
 * and the latest run's frames and report. Sampling runs on the worker; frames and the report are
 * delivered on the UI executor, so every method here is meant for the UI thread.
 */
public final class DemoSession implements AutoCloseable {
  /** Told about a run's progress, on the UI thread. */
  public interface Listener {
    /** A new frame was recorded. */
    void onFrame(Frame frame);

    /** The run ended. */
    void onFinished(RunReport report);
  }

  /** Frames kept per run at most. */
  public static final int MAX_FRAMES = 60;

  private final ModelCatalog catalog;
  private final Executor ui;
  private final Playback playback;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "sampler");
            thread.setDaemon(true);
            return thread;
          });
  private final List<Frame> frames = new ArrayList<>();
  private DemoSettings settings;
  private RunReport report;
  private AtomicBoolean cancel = new AtomicBoolean();
  private boolean running;
  private long startMillis;
  private Listener listener;

  /**
   * A session over {@code catalog}, delivering results through {@code ui}, animating with {@code
   * playback}.
   */
  public DemoSession(ModelCatalog catalog, Executor ui, Playback playback) {
    this.catalog = catalog;
    this.ui = ui;
    this.playback = playback;
  }

  /** The models. */
  public ModelCatalog catalog() {
    return catalog;
  }

  /** Sets (or with null clears) who hears about progress. */
  public void setListener(Listener listener) {
    this.listener = listener;
  }

  /**
   * Starts a run on the worker thread; {@code nowMillis} starts the playback clock.
   *
   * @throws IllegalStateException if a run is in progress
   * @throws IllegalArgumentException or {@link dev.pocketdiffusion.InvalidInputException} if the
   *     model cannot be loaded or the class is out of its range
   */
  public void start(DemoSettings next, long nowMillis) {
    if (running) {
      throw new IllegalStateException("a run is in progress; cancel it first");
    }
    OnnxDenoiser model = catalog.load(next.model(), next.provider());
    Denoiser denoiser = next.denoiser(model);
    frames.clear();
    settings = next;
    report = null;
    running = true;
    startMillis = nowMillis;
    AtomicBoolean runCancel = new AtomicBoolean();
    cancel = runCancel;
    FramePlan plan = FramePlan.forSteps(next.plannedSteps(), MAX_FRAMES);
    worker.execute(
        new SamplingRun(
            denoiser,
            next.newSampler(model.card().samplingRecipe()),
            next.points(),
            next.seed(),
            next.plannedSteps(),
            plan,
            runCancel,
            new SamplingRun.Sink() {
              @Override
              public void frame(Frame frame) {
                ui.execute(() -> recordFrame(frame));
              }

              @Override
              public void finished(RunReport result) {
                ui.execute(() -> recordReport(result));
              }
            }));
  }

  private void recordFrame(Frame frame) {
    frames.add(frame);
    if (listener != null) {
      listener.onFrame(frame);
    }
  }

  private void recordReport(RunReport result) {
    report = result;
    running = false;
    if (listener != null) {
      listener.onFinished(result);
    }
  }

  /** Asks the running sampler to stop at its next step; the report then says cancelled. */
  public void cancel() {
    cancel.set(true);
  }

  /** True from {@link #start} until the report arrives. */
  public boolean isRunning() {
    return running;
  }

  /** The settings of the latest run, or null before the first. */
  public DemoSettings settings() {
    return settings;
  }

  /** The latest run's report, or null while it runs or before the first. */
  public RunReport report() {
    return report;
  }

  /** The latest run's frames so far. */
  public List<Frame> frames() {
    return Collections.unmodifiableList(frames);
  }

  /** The frame the animation shows at {@code nowMillis}, or null before the first frame. */
  public Frame frameAt(long nowMillis) {
    int index = playback.frameAt(nowMillis - startMillis, frames.size());
    return index < 0 ? null : frames.get(index);
  }

  /** True while the animation has frames left to show at {@code nowMillis}. */
  public boolean isAnimating(long nowMillis) {
    return running || !playback.isComplete(nowMillis - startMillis, frames.size(), true);
  }

  /** The time between animation frames. */
  public long frameMillis() {
    return playback.frameMillis();
  }

  /** Cancels any run, then closes the models on the worker once that run has stopped. */
  @Override
  public void close() {
    cancel.set(true);
    worker.execute(catalog::close);
    worker.shutdown();
  }
}
