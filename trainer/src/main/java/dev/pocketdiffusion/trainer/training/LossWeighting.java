package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import java.io.File;

/**
 * How much each training example's squared error counts, as a function of its time: {@code none}
 * (1), {@code min-snr:γ} (Hang et al. 2023: x0-errors weighted min(SNR, γ) with SNR = a²/b², so a
 * prediction whose error is c times the x0-error gets min(SNR, γ)/c², which is min(SNR, γ)/SNR for
 * ε), or {@code table:FILE.csv}: per-timestep weights, a CSV with header {@code t,weight}
 * interpolated linearly in t (a discrete path's timestep k has t = (k + 1)/T) that multiply the
 * loss of the trained prediction as it is.
 */
abstract class LossWeighting {
  /** What {@code --loss-weighting} accepts. */
  static final String FORMS =
      "none, min-snr:GAMMA (GAMMA > 0, e.g. min-snr:5) or table:FILE.csv (header t,weight)";

  /** The weight of an example at time {@code t} with path point {@code p}. */
  abstract double weight(double t, PathPoint p, Prediction prediction);

  /**
   * Whether every weight is 1 ({@code none}), so the loss need not be multiplied by them at all.
   */
  boolean uniform() {
    return false;
  }

  /**
   * Parses {@code --loss-weighting}.
   *
   * @throws IllegalArgumentException for an unknown form or a bad γ
   * @throws InvalidInputException naming the table file, line and problem
   */
  static LossWeighting parse(String name) {
    if (name.equals("none")) {
      return new LossWeighting() {
        @Override
        double weight(double t, PathPoint p, Prediction prediction) {
          return 1;
        }

        @Override
        boolean uniform() {
          return true;
        }
      };
    }
    if (name.startsWith("min-snr:")) {
      double gamma;
      try {
        gamma = Double.parseDouble(name.substring("min-snr:".length()));
      } catch (NumberFormatException e) {
        gamma = Double.NaN;
      }
      if (gamma > 0 && gamma < Double.POSITIVE_INFINITY) {
        return minSnr(gamma);
      }
    }
    if (name.startsWith("table:")) {
      return table(new File(name.substring("table:".length())));
    }
    throw new IllegalArgumentException(
        "--loss-weighting must be " + FORMS + ", got '" + name + "'");
  }

  private static LossWeighting minSnr(double gamma) {
    return new LossWeighting() {
      @Override
      double weight(double t, PathPoint p, Prediction prediction) {
        double snr = (p.a * p.a) / (p.b * p.b);
        double c = prediction.dataSensitivity(p);
        return Math.min(snr, gamma) / (c * c);
      }
    };
  }

  private static LossWeighting table(File file) {
    Points rows = PointsCsv.read(file, "t,weight");
    double[] ts = new double[rows.size()];
    double[] ws = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      ts[i] = rows.get(i, 0);
      ws[i] = rows.get(i, 1);
      if (ts[i] < 0 || ts[i] > 1 || (i > 0 && ts[i] <= ts[i - 1])) {
        throw new InvalidInputException(
            file + ":" + (i + 2) + ": t must increase strictly within [0, 1], got " + ts[i]);
      }
      if (ws[i] < 0) {
        throw new InvalidInputException(
            file + ":" + (i + 2) + ": weight must not be negative, got " + ws[i]);
      }
    }
    return new LossWeighting() {
      @Override
      double weight(double t, PathPoint p, Prediction prediction) {
        if (t <= ts[0]) {
          return ws[0];
        }
        for (int i = 1; i < ts.length; i++) {
          if (t <= ts[i]) {
            double f = (t - ts[i - 1]) / (ts[i] - ts[i - 1]);
            return ws[i - 1] + f * (ws[i] - ws[i - 1]);
          }
        }
        return ws[ts.length - 1];
      }
    };
  }
}
