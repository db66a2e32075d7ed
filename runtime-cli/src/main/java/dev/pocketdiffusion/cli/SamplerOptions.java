package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that choose a sampler and its settings; shared by {@code sample} and the plotting
 * commands.
 */
public final class SamplerOptions {
  @Option(
      names = "--sampler",
      paramLabel = "NAME",
      description = {
        "One of: "
            + Samplers.NAMES
            + " (default: the model card's sampler, else "
            + SamplingRecipe.DEFAULT_SAMPLER
            + ").",
        "Model calls for K steps: " + Samplers.CALLS + "."
      })
  String sampler;

  @Option(
      names = "--steps",
      paramLabel = "K",
      description =
          "Denoising steps, 1..T (default: the model card's steps with its sampler, else "
              + SamplingRecipe.DEFAULT_STEPS
              + "; fewer than T skip timesteps; adaptive chooses its own).")
  Integer steps;

  @Option(
      names = "--eta",
      defaultValue = "0",
      paramLabel = "E",
      description =
          "DDIM noise level in [0, 1]: 0 deterministic, 1 = DDPM (default: ${DEFAULT-VALUE}).")
  double eta;

  @Option(
      names = "--spacing",
      defaultValue = "auto",
      paramLabel = "S",
      description =
          "Timestep spacing: linspace, leading, trailing, logsnr (uniform in log-SNR; also called"
              + " exponential), karras (rho = 7) or cosine; auto (default) is the model card's"
              + " spacing with the card's sampler, else, for dpm++2m,"
              + " dpm++3m, dpm++2m-sde and unipc, logsnr where the log-SNR is finite at both ends"
              + " (vp, ve exp, ve geometric) and cosine otherwise; for euler, heun, midpoint"
              + " and rk4 karras on vp; cosine on ve sqrt; linspace for the rest.")
  String spacing;

  @Option(
      names = "--atol",
      defaultValue = "1e-5",
      paramLabel = "A",
      description =
          "adaptive only: absolute error tolerance of Dormand-Prince (default: ${DEFAULT-VALUE}).")
  double atol;

  @Option(
      names = "--rtol",
      defaultValue = "1e-5",
      paramLabel = "R",
      description =
          "adaptive only: relative error tolerance of Dormand-Prince (default: ${DEFAULT-VALUE}).")
  double rtol;

  /**
   * The chosen sampler, after checking {@code --steps} against the model's T: {@code --sampler} and
   * {@code --steps} where given, else {@code recipe}'s (the model card's recommendation). A {@code
   * --sampler} without {@code --steps} takes the recipe's steps.
   *
   * @throws ParameterException for a step count out of range
   */
  Sampler create(CommandLine commandLine, Denoiser denoiser, SamplingRecipe recipe) {
    if (sampler == null) {
      sampler = recipe.sampler();
    }
    if (steps == null) {
      steps = recipe.steps();
    }
    if (steps < 1) {
      throw new ParameterException(commandLine, "--steps must be at least 1, got " + steps);
    }
    if (steps > Limits.MAX_STEPS) {
      throw new ParameterException(
          commandLine, "--steps must be at most " + Limits.MAX_STEPS + ", got " + steps);
    }
    int total = denoiser.path().numTimesteps();
    if (total > 0 && steps > total) {
      throw new ParameterException(
          commandLine, "--steps must be at most the model's T = " + total + ", got " + steps);
    }
    TimestepSpacing chosen;
    if (!"auto".equals(spacing)) {
      chosen = TimestepSpacing.parse(spacing);
    } else {
      chosen = recipe.spacingFor(sampler);
    }
    return Samplers.create(sampler, steps, eta, chosen, atol, rtol);
  }

  /** True for the {@code adaptive} sampler, which chooses its own steps. */
  boolean adaptive() {
    return "adaptive".equals(sampler);
  }

  /** The steps in use (after {@link #create}). */
  int steps() {
    return steps;
  }
}
