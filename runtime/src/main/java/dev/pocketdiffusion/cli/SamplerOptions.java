package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that choose a sampler and its settings; shared by the plotting commands. */
public final class SamplerOptions {
  @Option(names = "--sampler", defaultValue = "ddim", paramLabel = "NAME",
      description = "One of: " + Samplers.NAMES + " (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(names = "--steps", defaultValue = "50", paramLabel = "K",
      description = "Denoising steps, 1..T (default: ${DEFAULT-VALUE}; adaptive chooses its own).")
  int steps;

  @Option(names = "--eta", defaultValue = "0", paramLabel = "E", description = "DDIM noise level in [0, 1] (default: ${DEFAULT-VALUE}).")
  double eta;

  @Option(names = "--spacing", defaultValue = "linspace", paramLabel = "S",
      description = "Timestep spacing: linspace, leading, trailing (default: ${DEFAULT-VALUE}).")
  String spacing;

  /**
   * The chosen sampler, after checking {@code --steps} against the model's T.
   *
   * @throws ParameterException for a step count out of range
   */
  Sampler create(CommandLine commandLine, Denoiser denoiser) {
    int total = denoiser.path().numTimesteps();
    if (steps < 1 || (total > 0 && steps > total)) {
      throw new ParameterException(commandLine, "--steps must be in 1.." + (total > 0 ? total : "∞") + ", got " + steps);
    }
    return Samplers.create(sampler, steps, eta, TimestepSpacing.parse(spacing), Samplers.DEFAULT_ATOL, Samplers.DEFAULT_RTOL);
  }
}
