package dev.pocketdiffusion.paths;

import dev.pocketdiffusion.CliNames;

/**
 * The β schedules of the variance-preserving (DDPM) process. Each yields T discrete values β_0 …
 * β_{T−1}; ᾱ_k = ∏_{i ≤ k} (1 − β_i).
 */
public enum VpSchedule {
  /** β linear from {@code betaStart} to {@code betaEnd} (Ho et al. 2020: 1e-4 → 0.02). */
  LINEAR {
    @Override
    double[] betas(int steps, double betaStart, double betaEnd) {
      double[] betas = new double[steps];
      for (int i = 0; i < steps; i++) {
        betas[i] = steps == 1 ? betaStart : betaStart + (betaEnd - betaStart) * i / (steps - 1);
      }
      return betas;
    }
  },
  /**
   * β linear in √β from √betaStart to √betaEnd (tiny-diffusion's "quadratic", diffusers'
   * "scaled_linear").
   */
  QUADRATIC {
    @Override
    double[] betas(int steps, double betaStart, double betaEnd) {
      double[] roots = LINEAR.betas(steps, Math.sqrt(betaStart), Math.sqrt(betaEnd));
      for (int i = 0; i < steps; i++) {
        roots[i] *= roots[i];
      }
      return roots;
    }
  },
  /** β = betaStart + (betaEnd − betaStart)·sigmoid(linspace(−6, 6, T)) (diffusers' "sigmoid"). */
  SIGMOID {
    @Override
    double[] betas(int steps, double betaStart, double betaEnd) {
      double[] betas = new double[steps];
      for (int i = 0; i < steps; i++) {
        double u = steps == 1 ? 0 : -6 + 12.0 * i / (steps - 1);
        betas[i] = betaStart + (betaEnd - betaStart) / (1 + Math.exp(-u));
      }
      return betas;
    }
  },
  /** Cosine ᾱ (Nichol &amp; Dhariwal 2021, s = 0.008), β clipped at 0.999 as diffusers does. */
  COSINE {
    @Override
    double[] betas(int steps, double betaStart, double betaEnd) {
      double[] betas = new double[steps];
      for (int i = 0; i < steps; i++) {
        double ratio =
            cosineAlphaBar((i + 1) / (double) steps) / cosineAlphaBar(i / (double) steps);
        betas[i] = Math.min(1 - ratio, MAX_BETA);
      }
      return betas;
    }
  };

  private static final double MAX_BETA = 0.999;
  private static final double COSINE_OFFSET = 0.008;

  private static double cosineAlphaBar(double t) {
    double c = Math.cos((t + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
    return c * c;
  }

  /** The T values of β; {@code betaStart}/{@code betaEnd} are ignored by schedules without them. */
  abstract double[] betas(int steps, double betaStart, double betaEnd);

  /** The name used on the command line and in model cards. */
  public String cliName() {
    return CliNames.of(this);
  }

  /** Parses a schedule name such as {@code linear} or {@code cosine}. */
  public static VpSchedule parse(String name) {
    return CliNames.parse(VpSchedule.class, name, "vp schedule");
  }
}
