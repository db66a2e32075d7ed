package dev.pocketdiffusion.paths;

import dev.pocketdiffusion.CliNames;

/** The noise levels σ(t) of the variance-exploding process, with their derivatives. */
public enum VeSchedule {
  /** σ(t) = e^{5(t−1)} (the Toy-Diffusion write-up's default): noise accelerates towards t = 1. */
  EXP {
    @Override
    double sigma(double t, double min, double max) {
      return Math.exp(5 * (t - 1));
    }

    @Override
    double derivative(double t, double min, double max) {
      return 5 * Math.exp(5 * (t - 1));
    }
  },
  /** σ(t) = t. */
  LINEAR {
    @Override
    double sigma(double t, double min, double max) {
      return t;
    }

    @Override
    double derivative(double t, double min, double max) {
      return 1;
    }
  },
  /** σ(t) = √t. */
  SQRT {
    @Override
    double sigma(double t, double min, double max) {
      return Math.sqrt(t);
    }

    @Override
    double derivative(double t, double min, double max) {
      return t > 0 ? 0.5 / Math.sqrt(t) : Double.POSITIVE_INFINITY;
    }
  },
  /** σ(t) = σmin·(σmax/σmin)^t (Song et al. 2021). */
  GEOMETRIC {
    @Override
    double sigma(double t, double min, double max) {
      return min * Math.pow(max / min, t);
    }

    @Override
    double derivative(double t, double min, double max) {
      return sigma(t, min, max) * Math.log(max / min);
    }
  };

  abstract double sigma(double t, double min, double max);

  abstract double derivative(double t, double min, double max);

  /** The name used on the command line and in model cards. */
  public String cliName() {
    return CliNames.of(this);
  }

  /** Parses {@code exp}, {@code linear}, {@code sqrt} or {@code geometric}. */
  public static VeSchedule parse(String name) {
    return CliNames.parse(VeSchedule.class, name, "ve schedule");
  }
}
