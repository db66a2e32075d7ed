package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.plots.FrontierChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of {@code runtime frontier} as markdown, TSV and picture series. */
final class FrontierTable {
  /** The picture's panels: precision, recall, MMD² (indices into {@link FrontierRow#METRICS}). */
  private static final int[] PANELS = {1, 2, 0};

  /** The titles of the picture's panels, in the order of {@link #series}' metrics. */
  static final String[] PANEL_TITLES = {"precision", "recall", "MMD²"};

  /**
   * The panels' log floors ({@link FrontierChart#write}): MMD² on a log axis down to 1e-5, about
   * its noise at 10 000 points against 10 000; precision and recall linear.
   */
  static final double[] PANEL_LOG_FLOORS = {Double.NaN, Double.NaN, 1e-5};

  private FrontierTable() {}

  /**
   * A markdown table: MMD² as {@code 1.2e-05 ± 3.4e-06}, precision and recall as {@code 0.976 ±
   * 0.001} (mean ± standard error over the seeds; the error is left out for one seed).
   */
  static String markdown(List<FrontierRow> rows) {
    StringBuilder md = new StringBuilder();
    md.append("| model | sampler | steps | model calls | MMD² | precision | recall |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (FrontierRow r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s%s | %s | %d | %d | %s | %s | %s |%n",
              r.model,
              r.kind == FrontierRow.Kind.SAMPLER ? "" : " (" + r.kind.label() + ")",
              r.sampler,
              r.steps,
              r.calls,
              cell(r, 0, "%.1e"),
              cell(r, 1, "%.3f"),
              cell(r, 2, "%.3f")));
    }
    return md.toString();
  }

  private static String cell(FrontierRow r, int m, String format) {
    String mean = String.format(Locale.ROOT, format, r.mean(m));
    double se = r.error(m);
    return Double.isNaN(se) ? mean : mean + " ± " + String.format(Locale.ROOT, format, se);
  }

  /** Tab-separated values with a header; full precision, an empty error for one seed. */
  static String tsv(List<FrontierRow> rows) {
    StringBuilder tsv = new StringBuilder("kind\tmodel\tsampler\tsteps\tcalls\tseeds");
    for (String m : FrontierRow.METRICS) {
      tsv.append('\t').append(m).append('\t').append(m).append("_se");
    }
    tsv.append('\n');
    for (FrontierRow r : rows) {
      tsv.append(
          String.join(
              "\t",
              r.kind.label(),
              r.model,
              r.sampler,
              String.valueOf(r.steps),
              String.valueOf(r.calls),
              String.valueOf(r.values[0].length)));
      for (int m = 0; m < FrontierRow.METRICS.length; m++) {
        double se = r.error(m);
        tsv.append('\t').append(r.mean(m)).append('\t').append(Double.isNaN(se) ? "" : se);
      }
      tsv.append('\n');
    }
    return tsv.toString();
  }

  /**
   * The picture's series, with metrics in {@link #PANEL_TITLES} order: one line per sampler (its
   * rows in call order), one marker per student, one horizontal line per reference row.
   */
  static List<FrontierChart.Series> series(List<FrontierRow> rows) {
    Map<String, List<FrontierRow>> lines = new LinkedHashMap<>();
    List<FrontierChart.Series> series = new ArrayList<>();
    for (FrontierRow r : rows) {
      if (r.kind == FrontierRow.Kind.SAMPLER) {
        lines.computeIfAbsent(r.sampler, k -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<String, List<FrontierRow>> line : lines.entrySet()) {
      List<FrontierRow> points = new ArrayList<>(line.getValue());
      points.sort((a, b) -> Integer.compare(a.calls, b.calls));
      series.add(of(line.getKey(), FrontierChart.Style.LINE, points));
    }
    for (FrontierRow r : rows) {
      if (r.kind == FrontierRow.Kind.STUDENT) {
        series.add(
            of(
                r.model + " (" + r.sampler + ", " + r.calls + ")",
                FrontierChart.Style.MARKER,
                List.of(r)));
      } else if (r.kind == FrontierRow.Kind.REFERENCE) {
        series.add(
            of(
                r.model + " " + r.sampler + "-" + r.steps,
                FrontierChart.Style.REFERENCE,
                List.of(r)));
      }
    }
    return series;
  }

  private static FrontierChart.Series of(
      String name, FrontierChart.Style style, List<FrontierRow> points) {
    int metrics = PANELS.length;
    double[] calls = new double[points.size()];
    double[][] means = new double[metrics][points.size()];
    double[][] errors = new double[metrics][points.size()];
    for (int i = 0; i < points.size(); i++) {
      calls[i] = points.get(i).calls;
      for (int m = 0; m < metrics; m++) {
        means[m][i] = points.get(i).mean(PANELS[m]);
        errors[m][i] = points.get(i).error(PANELS[m]);
      }
    }
    return new FrontierChart.Series(name, style, calls, means, errors);
  }
}
