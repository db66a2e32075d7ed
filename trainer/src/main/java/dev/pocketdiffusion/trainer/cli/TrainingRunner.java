package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.ProgressBar;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import dev.pocketdiffusion.trainer.training.TrainingListener;
import dev.pocketdiffusion.trainer.training.TrainingResult;
import dev.pocketdiffusion.trainer.training.WriteFailure;
import java.io.File;
import java.io.IOException;
import java.util.Locale;

/**
 * Runs a {@link TrainingJob} as {@code trainer train} and {@code trainer ablate} show it: a
 * progress bar with the loss on standard error while it trains, then the run's pictures beside the
 * files the job wrote: {@code loss.png} (the training curve) and {@code samples.png} (real beside
 * generated).
 */
final class TrainingRunner {
  private TrainingRunner() {}

  /** Runs {@code job} with a progress bar and draws its pictures into its output directory. */
  static TrainingResult run(TrainingJob job) throws IOException {
    TrainingResult result = job.progress(new ProgressListener()).run();
    try {
      Plots.lossCurve(new File(job.outDir(), "loss.png"), result.losses());
      Plots.scatterPanels(
          new File(job.outDir(), "samples.png"),
          new String[] {
            "real (" + result.dataset() + ")", "generated (" + evalSampler(result) + ")"
          },
          result.reference(),
          result.generated());
    } catch (IOException e) {
      throw WriteFailure.of(job.outDir(), e);
    }
    return result;
  }

  /** "SAMPLER, K steps" from the metric {@code eval_sampler_SAMPLER_steps} the job recorded. */
  private static String evalSampler(TrainingResult result) {
    for (java.util.Map.Entry<String, Double> e : result.metrics().entrySet()) {
      String key = e.getKey();
      if (key.startsWith("eval_sampler_") && key.endsWith("_steps")) {
        String name = key.substring("eval_sampler_".length(), key.length() - "_steps".length());
        return name + ", " + e.getValue().intValue() + " steps";
      }
    }
    return "ddim, " + TrainingJob.EVAL_STEPS + " steps";
  }

  /**
   * A progress bar that starts with the first training step, formatting the loss only when it
   * redraws.
   */
  private static final class ProgressListener implements TrainingListener {
    private ProgressBar bar;

    @Override
    public void onStep(int step, int totalSteps, double loss) {
      if (bar == null) {
        bar = new ProgressBar("train", totalSteps);
      }
      bar.update(step, () -> String.format(Locale.ROOT, "loss %.4f", loss));
    }
  }
}
