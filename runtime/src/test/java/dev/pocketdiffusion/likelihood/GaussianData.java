package dev.pocketdiffusion.likelihood;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;

/**
 * Data N(μ, s²I) on an affine path, where everything the estimators compute has a closed form:
 * {@code x_t ~ N(a·μ, V·I)} with {@code V = a²s² + b²}, the flow is {@code u = a'·μ + (x −
 * a·μ)·V'/2V} and its divergence is {@code D·V'/2V}.
 */
final class GaussianData {
  final AffinePath path;
  final double[] mean;
  final double std;

  GaussianData(AffinePath path, double[] mean, double std) {
    this.path = path;
    this.mean = mean.clone();
    this.std = std;
  }

  GaussianDenoiser denoiser() {
    return new GaussianDenoiser(path, mean, std);
  }

  GaussianDenoiser denoiser(Prediction prediction) {
    return new GaussianDenoiser(path, mean, std, prediction);
  }

  int dimension() {
    return mean.length;
  }

  double variance(PathPoint p) {
    return p.a * p.a * std * std + p.b * p.b;
  }

  /** V'(t) = 2a·a'·s² + 2b·b'. */
  double varianceRate(PathPoint p) {
    return 2 * p.a * p.da * std * std + 2 * p.b * p.db;
  }

  /** Coordinate j of the exact probability-flow velocity at x. */
  double velocity(double[] x, int j, PathPoint p) {
    return p.da * mean[j] + (x[j] - p.a * mean[j]) * varianceRate(p) / (2 * variance(p));
  }

  /** The exact divergence of the velocity (the same at every x). */
  double divergence(PathPoint p) {
    return dimension() * varianceRate(p) / (2 * variance(p));
  }

  /** log N(x; μ, s²I), the data density. */
  double logDensity(double[] x) {
    return logNormal(x, mean, std * std);
  }

  /**
   * What the ODE estimator computes in exact arithmetic: it starts from a(ε)·x, the flow carries it
   * to {@code x(1) = a(1)·μ + √(V(1)/V(ε))·(a(ε)·x − a(ε)·μ)}, the divergence integrates to {@code
   * (D/2)·log(V(1)/V(ε))}, and the base is N(0, b(1)²I).
   */
  double odeValue(double[] x, double startTime) {
    PathPoint start = path.at(startTime);
    PathPoint end = path.at(1.0);
    double ratio = variance(end) / variance(start);
    double[] end1 = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      end1[j] = end.a * mean[j] + Math.sqrt(ratio) * start.a * (x[j] - mean[j]);
    }
    int dim = dimension();
    return logNormal(end1, new double[dim], end.b * end.b)
        + 0.5 * dim * Math.log(ratio)
        + dim * Math.log(start.a);
  }

  /**
   * The ELBO estimator's expectation: −(R + P + L) with L by Simpson's rule over λ = log SNR of
   * {@code ½·SNR·E_z‖x − x̂0‖² = ½·(‖x − μ‖²·SNR + D·s⁴·SNR²) / (1 + s²·SNR)²}.
   */
  double elboValue(double[] x, double startTime, double minLogSnr) {
    PathPoint start = path.at(startTime);
    PathPoint end = path.at(1.0);
    int dim = dimension();
    double high = 2 * Math.log(start.a / start.b);
    double low = Math.max(2 * Math.log(end.a / end.b), minLogSnr);
    double offset = 0;
    double norm = 0;
    for (int j = 0; j < dim; j++) {
      offset += (x[j] - mean[j]) * (x[j] - mean[j]);
      norm += x[j] * x[j];
    }
    int intervals = 20_000;
    double h = (high - low) / intervals;
    double loss = 0;
    for (int k = 0; k <= intervals; k++) {
      double snr = Math.exp(low + k * h);
      double q = 1 + std * std * snr;
      double f = 0.5 * (offset * snr + dim * Math.pow(std, 4) * snr * snr) / (q * q);
      loss += f * (k == 0 || k == intervals ? 1 : (k % 2 == 1 ? 4 : 2));
    }
    loss *= h / 3;
    double reconstruction =
        0.5 * dim * (Math.log(2 * Math.PI * start.b * start.b / (start.a * start.a)) + 1);
    double prior = end.a * end.a * norm / (2 * end.b * end.b);
    return -(reconstruction + prior + loss);
  }

  /** Points at the given offsets (in units of s) from μ, along the diagonal and the axes. */
  Points around(double... offsets) {
    int dim = dimension();
    double[] data = new double[offsets.length * dim];
    for (int i = 0; i < offsets.length; i++) {
      for (int j = 0; j < dim; j++) {
        double direction = (i + j) % 2 == 0 ? 1 : -0.5;
        data[i * dim + j] = mean[j] + offsets[i] * std * direction;
      }
    }
    return new Points(offsets.length, dim, data);
  }

  static double logNormal(double[] x, double[] mean, double variance) {
    double squares = 0;
    for (int j = 0; j < x.length; j++) {
      squares += (x[j] - mean[j]) * (x[j] - mean[j]);
    }
    return -0.5 * x.length * Math.log(2 * Math.PI * variance) - squares / (2 * variance);
  }

  static double[] row(Points points, int i) {
    double[] x = new double[points.dimension()];
    for (int j = 0; j < x.length; j++) {
      x[j] = points.get(i, j);
    }
    return x;
  }
}
