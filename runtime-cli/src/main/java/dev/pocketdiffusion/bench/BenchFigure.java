package dev.pocketdiffusion.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark figure: the repeated measurements of one quantity, the settings it was measured
 * under (thread counts, batch size, …) and their summary — median, minimum, maximum and spread
 * ((max − min) / median). A derived figure (a ratio, a count) has a single value.
 */
public final class BenchFigure {
  private final String name;
  private final String unit;
  private final Map<String, Object> settings;
  private final double[] values;

  /**
   * A figure named {@code name} in {@code unit}, measured {@code values.length} times under {@code
   * settings}.
   */
  public BenchFigure(String name, String unit, Map<String, Object> settings, double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException(name + ": a figure needs at least one measurement");
    }
    this.name = name;
    this.unit = unit;
    this.settings = new LinkedHashMap<>(settings);
    this.values = values.clone();
  }

  /** Settings from alternating names and values: {@code settingsOf("threads", 1, "batch", 32)}. */
  public static Map<String, Object> settingsOf(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      m.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return m;
  }

  /** What was measured. */
  public String name() {
    return name;
  }

  /** The unit of every value. */
  public String unit() {
    return unit;
  }

  /** The settings (name → value, in insertion order) the figure was measured under. */
  public Map<String, Object> settings() {
    return new LinkedHashMap<>(settings);
  }

  /** The measurements, in the order they were taken. */
  public double[] values() {
    return values.clone();
  }

  /** The median of the measurements (the mean of the two middle ones for an even count). */
  public double median() {
    return median(values);
  }

  /** The median of {@code xs}. */
  public static double median(double[] xs) {
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The smallest measurement. */
  public double min() {
    return Arrays.stream(values).min().getAsDouble();
  }

  /** The largest measurement. */
  public double max() {
    return Arrays.stream(values).max().getAsDouble();
  }

  /** (max − min) / |median|: 0 for a single measurement. */
  public double spread() {
    return (max() - min()) / Math.abs(median());
  }

  /** The figure as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("unit", unit);
    m.put("settings", settings);
    m.put("median", median());
    m.put("min", min());
    m.put("max", max());
    m.put("spread", spread());
    m.put("values", values);
    return m;
  }
}
