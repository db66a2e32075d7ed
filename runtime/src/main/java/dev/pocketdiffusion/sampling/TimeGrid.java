package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;

/**
 * The descending path times a sampler visits: {@code steps + 1} values from near 1 down to exactly
 * 0 (clean data). For a discrete path they are the chosen timesteps' times, so the step from one
 * time to the next is always looked up in the list, never assumed to be a fixed stride.
 */
public final class TimeGrid {
  private static final int BISECTIONS = 80;
  private static final double KARRAS_RHO = 7;

  private TimeGrid() {}

  /** The grid of {@code steps} steps for {@code path} with the given spacing. */
  public static double[] of(AffinePath path, int steps, TimestepSpacing spacing) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    if (spacing == TimestepSpacing.LOGSNR || spacing == TimestepSpacing.KARRAS) {
      return logSnrGrid(path, steps, spacing);
    }
    if (spacing == TimestepSpacing.COSINE) {
      double[] times = new double[steps + 1];
      for (int i = 0; i <= steps; i++) {
        times[i] = 0.5 * (1 + Math.cos(Math.PI * i / steps));
      }
      times[0] = 1.0;
      times[steps] = 0.0;
      return times;
    }
    double[] times = new double[steps + 1];
    if (path.numTimesteps() > 0) {
      int[] ks = spacing.timesteps(path.numTimesteps(), steps);
      for (int i = 0; i < steps; i++) {
        times[i] = path.timeOfStep(ks[i]);
      }
    } else {
      for (int i = 0; i < steps; i++) {
        times[i] = 1.0 - (double) i / steps;
      }
    }
    times[steps] = 0.0;
    return times;
  }

  /**
   * Times uniform in half the log-SNR, λ = log(a/b) ({@code logsnr}) or in σ^{1/ρ}, σ = b/a =
   * e^{−λ}, ρ = 7 ({@code karras}). A discrete path spreads {@code steps} times from its last
   * timestep to its first and then steps to 0; a continuous path spreads all {@code steps + 1} from
   * 1 to 0. Both ends need a finite λ, which a path that reaches pure noise (flow) or b = 0 (ve
   * linear, sqrt) lacks.
   */
  private static double[] logSnrGrid(AffinePath path, int steps, TimestepSpacing spacing) {
    if (!allowsLogSnr(path)) {
      throw new IllegalArgumentException(
          spacing.cliName()
              + " spacing needs a finite log-SNR at both ends of the path, and "
              + path.process()
              + " reaches pure noise or clean data there; use --spacing cosine or linspace");
    }
    boolean discrete = path.numTimesteps() > 0;
    double high = highestTime(path);
    double low = lowestTime(path);
    double lambdaHigh = path.at(high).halfLogSnr();
    double lambdaLow = path.at(low).halfLogSnr();
    double[] times = new double[steps + 1];
    int spread = discrete ? steps : steps + 1;
    for (int i = 0; i < spread; i++) {
      double fraction = spread == 1 ? 0 : (double) i / (spread - 1);
      double lambda;
      if (spacing == TimestepSpacing.KARRAS) {
        double top = Math.exp(-lambdaHigh / KARRAS_RHO);
        double bottom = Math.exp(-lambdaLow / KARRAS_RHO);
        lambda = -KARRAS_RHO * Math.log(top + fraction * (bottom - top));
      } else {
        lambda = lambdaHigh + fraction * (lambdaLow - lambdaHigh);
      }
      times[i] = timeOfLogSnr(path, lambda, low, high);
    }
    times[0] = high;
    if (spread > 1) {
      times[spread - 1] = low;
    }
    times[steps] = 0.0;
    return times;
  }

  /**
   * Whether {@link TimestepSpacing#LOGSNR} applies: λ is finite at both ends (vp and ve, not flow).
   */
  static boolean allowsLogSnr(AffinePath path) {
    return !Double.isInfinite(path.at(highestTime(path)).halfLogSnr())
        && !Double.isInfinite(path.at(lowestTime(path)).halfLogSnr());
  }

  private static double highestTime(AffinePath path) {
    return path.numTimesteps() > 0 ? path.timeOfStep(path.numTimesteps() - 1) : 1.0;
  }

  private static double lowestTime(AffinePath path) {
    return path.numTimesteps() > 0 ? path.timeOfStep(0) : 0.0;
  }

  /** Bisection for the time in [low, high] where the (decreasing) log-SNR equals {@code lambda}. */
  private static double timeOfLogSnr(AffinePath path, double lambda, double low, double high) {
    for (int k = 0; k < BISECTIONS; k++) {
      double mid = 0.5 * (low + high);
      if (path.at(mid).halfLogSnr() > lambda) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return 0.5 * (low + high);
  }
}
