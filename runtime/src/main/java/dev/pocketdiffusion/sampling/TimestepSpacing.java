package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.CliNames;

/**
 * How a sampler with fewer steps than T picks its discrete timesteps (Lin et al. 2023, Table 2; the
 * three spacings of diffusers). Each returns distinct timesteps in descending order.
 */
public enum TimestepSpacing {
  /** {@code round(linspace(0, T−1, n))}: includes the first and the last timestep. */
  LINSPACE {
    @Override
    int[] ascending(int numTimesteps, int steps) {
      int[] ks = new int[steps];
      for (int i = 0; i < steps; i++) {
        ks[i] = steps == 1 ? 0 : (int) Math.round((double) i * (numTimesteps - 1) / (steps - 1));
      }
      return ks;
    }
  },
  /** {@code i·(T / n)}: starts at 0, may never reach the last timestep. */
  LEADING {
    @Override
    int[] ascending(int numTimesteps, int steps) {
      int stride = numTimesteps / steps;
      int[] ks = new int[steps];
      for (int i = 0; i < steps; i++) {
        ks[i] = i * stride;
      }
      return ks;
    }
  },
  /** {@code round(T − i·T/n) − 1}: always includes the last timestep T − 1. */
  TRAILING {
    @Override
    int[] ascending(int numTimesteps, int steps) {
      int[] ks = new int[steps];
      for (int i = 0; i < steps; i++) {
        ks[steps - 1 - i] = (int) Math.round(numTimesteps - i * (double) numTimesteps / steps) - 1;
      }
      return ks;
    }
  },
  /**
   * Uniform in log-SNR {@code λ = log(a/b)} between the path's ends (DPM-Solver's recommended grid
   * for few steps; diffusers' {@code use_lu_lambdas}): small steps where the data is nearly clean,
   * large ones in the noise. The times are continuous, so it has no discrete timesteps; see {@link
   * TimeGrid#of}.
   */
  LOGSNR,
  /**
   * Karras et al. (2022): σ = b/a uniform in σ^{1/7} between the path's ends, then 0; dense where
   * the data is nearly clean. Needs a finite log-SNR at both ends, as {@link #LOGSNR} does.
   */
  KARRAS,
  /**
   * {@code t = (1 + cos(π·i/n))/2}: small steps at both ends, where the log-SNR runs off to ±∞ on
   * flow; the multistep solvers' default where {@link #LOGSNR} does not apply.
   */
  COSINE;

  /** k-diffusion's and diffusers' name of {@link #LOGSNR}: σ uniform in log σ. */
  private static final String EXPONENTIAL = "exponential";

  int[] ascending(int numTimesteps, int steps) {
    throw new UnsupportedOperationException(
        cliName() + " spacing places continuous times, not discrete timesteps");
  }

  /**
   * The {@code steps} timesteps out of {@code numTimesteps}, in descending order.
   *
   * @throws IllegalArgumentException if {@code steps} is not in 1 … numTimesteps
   * @throws UnsupportedOperationException for the spacings of continuous times
   */
  public int[] timesteps(int numTimesteps, int steps) {
    if (steps < 1 || steps > numTimesteps) {
      throw new IllegalArgumentException(
          "steps must be between 1 and " + numTimesteps + " (the model's T), got " + steps);
    }
    int[] asc = ascending(numTimesteps, steps);
    int[] desc = new int[steps];
    for (int i = 0; i < steps; i++) {
      desc[i] = asc[steps - 1 - i];
    }
    return desc;
  }

  /** The name used on the command line. */
  public String cliName() {
    return CliNames.of(this);
  }

  /**
   * Parses {@code linspace}, {@code leading}, {@code trailing}, {@code logsnr} (also called {@code
   * exponential}), {@code karras} or {@code cosine}.
   */
  public static TimestepSpacing parse(String name) {
    return EXPONENTIAL.equals(name)
        ? LOGSNR
        : CliNames.parse(TimestepSpacing.class, name, "timestep spacing");
  }
}
