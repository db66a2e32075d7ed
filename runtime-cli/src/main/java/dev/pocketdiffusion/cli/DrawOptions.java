package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.sampling.Denoiser;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How many points a picture samples and from which seed: {@code -n} and {@code --seed}; shared by
 * {@code animate} and the plotting commands that sample a model. {@code -n} defaults to 1000 unless
 * the command gives another default (a trajectory plot draws 50 paths).
 */
public final class DrawOptions {
  @Option(
      names = "-n",
      paramLabel = "N",
      description = "Number of points to sample (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  /** {@code -n} defaulting to 1000. */
  public DrawOptions() {
    this(1000);
  }

  /** {@code -n} defaulting to {@code defaultCount}. */
  public DrawOptions(int defaultCount) {
    this.count = defaultCount;
  }

  /**
   * Refuses a point count below 1.
   *
   * @throws ParameterException naming {@code -n}
   */
  void check(CommandLine commandLine) {
    if (count < 1) {
      throw new ParameterException(commandLine, "-n must be at least 1, got " + count);
    }
  }

  /**
   * Refuses {@code -n} if the heap cannot sample that many points of {@code denoiser} at once while
   * keeping {@code keptStates} copies of them.
   */
  void checkMemory(CommandLine commandLine, Denoiser denoiser, long keptStates) {
    Limits.sampling(commandLine, count, denoiser.dimension(), keptStates, "-n");
  }
}
