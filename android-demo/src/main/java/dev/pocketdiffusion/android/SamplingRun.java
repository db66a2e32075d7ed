package dev.pocketdiffusion.android;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.StepListener;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One sampling run, meant for a worker thread: draws the base points, runs the sampler, and hands
 * the planned frames and the final report to a {@link Sink}. A set cancel flag stops it at the next
 * step boundary.
 */
final class SamplingRun implements Runnable {
  /** Receives a run's frames in order, then its report; called on the worker thread. */
  interface Sink {
    /** A new frame. */
    void frame(Frame frame);

    /** The run ended; no frame follows. */
    void finished(RunReport report);
  }

  private final Denoiser denoiser;
  private final Sampler sampler;
  private final int points;
  private final long seed;
  private final int plannedSteps;
  private final FramePlan plan;
  private final AtomicBoolean cancelled;
  private final Sink sink;

  SamplingRun(
      Denoiser denoiser,
      Sampler sampler,
      int points,
      long seed,
      int plannedSteps,
      FramePlan plan,
      AtomicBoolean cancelled,
      Sink sink) {
    this.denoiser = denoiser;
    this.sampler = sampler;
    this.points = points;
    this.seed = seed;
    this.plannedSteps = plannedSteps;
    this.plan = plan;
    this.cancelled = cancelled;
    this.sink = sink;
  }

  @Override
  public void run() {
    StepClock clock = new StepClock();
    try {
      Points result = Sampling.generate(denoiser, sampler, points, seed, clock);
      if (clock.lastKept != clock.step) {
        sink.frame(
            Frame.copyOf(
                clock.step,
                clock.time,
                result.data(),
                result.size(),
                result.dimension(),
                clock.msPerStep()));
      }
      sink.finished(
          RunReport.done(
              sampler.name(),
              clock.step,
              sampler.modelCalls(),
              points,
              clock.msPerStep(),
              clock.elapsedMs()));
    } catch (CancellationException e) {
      sink.finished(
          RunReport.cancelled(
              sampler.name(), clock.step, plannedSteps, clock.msPerStep(), clock.elapsedMs()));
    } catch (RuntimeException e) {
      sink.finished(RunReport.failed(sampler.name(), String.valueOf(e.getMessage())));
    }
  }

  /** Times the steps, keeps the planned frames, and stops the run once cancelled. */
  private final class StepClock implements StepListener {
    final long start = System.nanoTime();
    long firstStep;
    long lastStepAt;
    int step = -1;
    double time;
    int kept;
    int lastKept = -1;

    @Override
    public void onStep(int step, double t, double[] x, int n, int dimension) {
      if (cancelled.get()) {
        throw new CancellationException("cancelled");
      }
      lastStepAt = System.nanoTime();
      if (step == 0) {
        firstStep = lastStepAt;
      }
      this.step = step;
      this.time = t;
      if (plan.keeps(step, kept)) {
        kept++;
        lastKept = step;
        sink.frame(Frame.copyOf(step, t, x, n, dimension, msPerStep()));
      }
    }

    double msPerStep() {
      return step > 0 ? (lastStepAt - firstStep) / 1e6 / step : 0;
    }

    double elapsedMs() {
      return (System.nanoTime() - start) / 1e6;
    }
  }
}
