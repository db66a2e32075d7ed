package dev.pocketdiffusion.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The quality–cost frontier as a PNG: one panel per metric, model calls on a log x axis, a line per
 * sampler, a marker per student, and reference runs as horizontal dashed lines; every point carries
 * its standard error as an error bar. Desktop only.
 */
public final class FrontierChart {
  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 480;
  private static final int LEGEND_WIDTH = 300;
  private static final Marker[] STUDENT_MARKERS = {
    SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE, SeriesMarkers.CROSS
  };

  /** How a series is drawn. */
  public enum Style {
    /** A sampler at several call budgets: a line with circles. */
    LINE,
    /** A student at its own call count: a large marker, no line. */
    MARKER,
    /** A reference run: a dashed horizontal line across the panel. */
    REFERENCE
  }

  /** One named series: its calls and, per metric, the mean and standard error at each call. */
  public static final class Series {
    final String name;
    final Style style;
    final double[] calls;
    final double[][] means;
    final double[][] errors;

    /**
     * A series; {@code means[m][i]} and {@code errors[m][i]} are metric m at {@code calls[i]} (an
     * error may be NaN, drawn as 0).
     */
    public Series(String name, Style style, double[] calls, double[][] means, double[][] errors) {
      this.name = name;
      this.style = style;
      this.calls = calls.clone();
      this.means = means;
      this.errors = errors;
    }
  }

  private FrontierChart() {}

  /**
   * Writes one panel per entry of {@code metrics} side by side, titled {@code title: metric}; the
   * legend sits in the last panel. A panel whose {@code logFloors} entry is a number has a log y
   * axis, with values below that floor drawn at it and no error bars (MMD² reaches 0 and below);
   * NaN gives a linear axis.
   *
   * @throws IllegalArgumentException if there is no series with a call count
   */
  public static void write(
      File png, String title, String[] metrics, double[] logFloors, List<Series> series)
      throws IOException {
    double minCalls = Double.POSITIVE_INFINITY;
    double maxCalls = 0;
    for (Series s : series) {
      if (s.style != Style.REFERENCE) {
        for (double c : s.calls) {
          minCalls = Math.min(minCalls, c);
          maxCalls = Math.max(maxCalls, c);
        }
      }
    }
    if (maxCalls == 0) {
      throw new IllegalArgumentException("a frontier picture needs a sampler or a student");
    }
    double left = minCalls / 1.25;
    double right = maxCalls * 1.25;
    BufferedImage image =
        new BufferedImage(
            PANEL_WIDTH * metrics.length + LEGEND_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      for (int m = 0; m < metrics.length; m++) {
        double floor = logFloors[m];
        boolean log = !Double.isNaN(floor);
        String name =
            log
                ? String.format(
                    Locale.ROOT, "%s (log; below %.0e drawn at %.0e)", metrics[m], floor, floor)
                : metrics[m];
        XYChart chart = panel(title + ": " + metrics[m], name, m == metrics.length - 1);
        chart.getStyler().setXAxisMin(left).setXAxisMax(right).setYAxisLogarithmic(log);
        int lines = 0;
        int students = 0;
        for (Series s : series) {
          XYSeries drawn;
          if (s.style == Style.REFERENCE) {
            double y = log ? Math.max(floor, s.means[m][0]) : s.means[m][0];
            drawn = chart.addSeries(s.name, new double[] {left, right}, new double[] {y, y});
            drawn.setMarker(SeriesMarkers.NONE);
            drawn.setLineColor(Color.DARK_GRAY);
            drawn.setLineStyle(
                new BasicStroke(
                    1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f}, 0f));
            continue;
          }
          drawn =
              log
                  ? chart.addSeries(s.name, s.calls, floored(s.means[m], floor))
                  : chart.addSeries(s.name, s.calls, s.means[m], errorBars(s.errors[m]));
          if (s.style == Style.LINE) {
            Color c = Plots.classColor(lines++, 255);
            drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            drawn.setMarker(SeriesMarkers.CIRCLE);
            drawn.setLineColor(c);
            drawn.setMarkerColor(c);
          } else {
            Color c = Plots.classColor(7 + students, 255);
            drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            drawn.setMarker(STUDENT_MARKERS[students++ % STUDENT_MARKERS.length]);
            drawn.setMarkerColor(c);
          }
        }
        g.drawImage(BitmapEncoder.getBufferedImage(chart), PANEL_WIDTH * m, 0, null);
      }
    } finally {
      g.dispose();
    }
    Plots.write(png, image);
  }

  private static XYChart panel(String title, String metric, boolean legend) {
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH + (legend ? LEGEND_WIDTH : 0))
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("model calls")
            .yAxisTitle(metric)
            .build();
    Styler styler = chart.getStyler();
    chart.getStyler().setXAxisLogarithmic(true);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Plots.PLOT_BACKGROUND);
    styler.setLegendVisible(legend);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setMarkerSize(8);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    return chart;
  }

  private static double[] floored(double[] values, double floor) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.max(floor, values[i]);
    }
    return out;
  }

  private static double[] errorBars(double[] errors) {
    double[] bars = new double[errors.length];
    for (int i = 0; i < errors.length; i++) {
      bars[i] = Double.isNaN(errors[i]) ? 0 : errors[i];
    }
    return bars;
  }
}
