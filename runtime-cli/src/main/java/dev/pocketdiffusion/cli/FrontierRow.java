package dev.pocketdiffusion.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code runtime frontier}: a model sampled with one sampler at one step count, scored
 * once per seed, with each metric's mean and standard error of the mean over the seeds.
 */
final class FrontierRow {
  /** What the row stands for in the table and the picture. */
  enum Kind {
    /** The teacher with one of {@code --samplers} at a call budget. */
    SAMPLER,
    /** A {@code --student} with its card's sampler and steps. */
    STUDENT,
    /** The teacher with {@code --reference}. */
    REFERENCE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The metrics, in column order. */
  static final String[] METRICS = {"mmd2", "precision", "recall"};

  final Kind kind;
  final String model;
  final String sampler;
  final int steps;
  int calls;
  final double[][] values;

  /** A row to be scored with {@code seeds} seeds; {@code calls} is updated after the runs. */
  FrontierRow(Kind kind, String model, String sampler, int steps, int calls, int seeds) {
    this.kind = kind;
    this.model = model;
    this.sampler = sampler;
    this.steps = steps;
    this.calls = calls;
    this.values = new double[METRICS.length][seeds];
  }

  /** The mean of metric {@code m} over the seeds. */
  double mean(int m) {
    double sum = 0;
    for (double v : values[m]) {
      sum += v;
    }
    return sum / values[m].length;
  }

  /**
   * The standard error of {@link #mean}: the sample standard deviation (n − 1) over √n; NaN for one
   * seed.
   */
  double error(int m) {
    int n = values[m].length;
    if (n < 2) {
      return Double.NaN;
    }
    double mean = mean(m);
    double squares = 0;
    for (double v : values[m]) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (n - 1) / n);
  }

  /** The row as JSON-ready values, with each metric's mean, error and per-seed values. */
  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kind", kind.label());
    map.put("model", model);
    map.put("sampler", sampler);
    map.put("steps", steps);
    map.put("calls", calls);
    for (int m = 0; m < METRICS.length; m++) {
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("mean", mean(m));
      double se = error(m);
      metric.put("se", Double.isNaN(se) ? null : se);
      metric.put("values", values[m].clone());
      map.put(METRICS[m], metric);
    }
    return map;
  }
}
