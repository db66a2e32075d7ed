package dev.pocketdiffusion.bench;

import dev.pocketdiffusion.io.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a benchmark run, printed as a table (one row per figure, its settings beside it)
 * and as JSON, with a header describing the machine (desktop-only: it reads the load average).
 */
public final class BenchReport {
  private final Map<String, Object> machine = new LinkedHashMap<>();
  private final List<BenchFigure> figures = new ArrayList<>();

  /** An empty report of the machine this JVM runs on. */
  public BenchReport(String title) {
    machine.put("title", title);
    machine.put("cpu", cpuModel());
    machine.put("available_processors", Runtime.getRuntime().availableProcessors());
    machine.put(
        "load_average_1min_at_start",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  /** The CPU model from /proc/cpuinfo, or os.arch where that file is absent. */
  static String cpuModel() {
    java.io.File info = new java.io.File("/proc/cpuinfo");
    if (info.isFile()) {
      try {
        for (String line : java.nio.file.Files.readAllLines(info.toPath())) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      } catch (java.io.IOException e) {
        // fall through to the architecture
      }
    }
    return System.getProperty("os.arch");
  }

  /** Adds a note about the whole run (e.g. the quick mode) to the header. */
  public void note(String key, Object value) {
    machine.put(key, value);
  }

  /** Adds a figure and returns it. */
  public BenchFigure add(BenchFigure figure) {
    figures.add(figure);
    return figure;
  }

  /** The figures so far. */
  public List<BenchFigure> figures() {
    return new ArrayList<>(figures);
  }

  /** The first figure named {@code name} whose settings include every entry of {@code match}. */
  public BenchFigure find(String name, Map<String, Object> match) {
    for (BenchFigure f : figures) {
      if (f.name().equals(name) && f.settings().entrySet().containsAll(match.entrySet())) {
        return f;
      }
    }
    throw new IllegalStateException("no figure " + name + " with " + match);
  }

  /** The report as JSON. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("machine", machine);
    List<Map<String, Object>> list = new ArrayList<>();
    for (BenchFigure f : figures) {
      list.add(f.toMap());
    }
    root.put("figures", list);
    return Json.write(root);
  }

  /** Prints the machine header and one row per figure. */
  public void printTable(PrintWriter out) {
    out.println(machine);
    String format = "%-34s %-40s %12s %12s %12s %7s  %s%n";
    out.printf(Locale.ROOT, format, "figure", "settings", "median", "min", "max", "spread", "unit");
    for (BenchFigure f : figures) {
      out.printf(
          Locale.ROOT,
          format,
          f.name(),
          settingsText(f.settings()),
          number(f.median()),
          number(f.min()),
          number(f.max()),
          f.values().length > 1 ? String.format(Locale.ROOT, "%.1f%%", 100 * f.spread()) : "-",
          f.unit() + (f.values().length > 1 ? " (n=" + f.values().length + ")" : ""));
    }
    out.flush();
  }

  static String settingsText(Map<String, Object> settings) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  static String number(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a >= 1e6 || a < 1e-2)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
