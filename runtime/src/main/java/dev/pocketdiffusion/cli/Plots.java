package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG scatter plots of 2-D point sets (XChart), written atomically. Desktop only. */
@DesktopOnly
public final class Plots {
  private static final int PANEL = 520;

  private Plots() {}

  /** Writes one scatter panel per point set, side by side, all on the same axes. */
  public static void scatterPanels(File png, String[] titles, Points... sets) throws IOException {
    double[] bounds = bounds(sets);
    BufferedImage image = new BufferedImage(PANEL * sets.length, PANEL, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      for (int s = 0; s < sets.length; s++) {
        XYChart chart = scatter(titles[s], sets[s], bounds);
        g.drawImage(BitmapEncoder.getBufferedImage(chart), PANEL * s, 0, null);
      }
    } finally {
      g.dispose();
    }
    AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
  }

  /**
   * Writes a training curve: the raw values faintly and their moving average over 1% of the run
   * (at least 1 value) on a log y axis.
   */
  public static void lossCurve(File png, double[] values) throws IOException {
    int n = values.length;
    double[] steps = new double[n];
    double[] smooth = new double[n];
    int window = Math.max(1, n / 100);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      steps[i] = i + 1;
      sum += values[i];
      if (i >= window) {
        sum -= values[i - window];
      }
      smooth[i] = sum / Math.min(i + 1, window);
    }
    XYChart chart = new XYChartBuilder().width(2 * PANEL).height(PANEL).title("training loss").xAxisTitle("step")
        .yAxisTitle("loss").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(0);
    XYSeries raw = chart.addSeries("loss", steps, values);
    raw.setLineColor(new Color(31, 119, 180, 60));
    raw.setMarker(SeriesMarkers.NONE);
    XYSeries avg = chart.addSeries("moving average (" + window + " steps)", steps, smooth);
    avg.setLineColor(new Color(214, 39, 40));
    avg.setMarker(SeriesMarkers.NONE);
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
  }

  private static XYChart scatter(String title, Points points, double[] bounds) {
    XYChart chart = new XYChartBuilder().width(PANEL).height(PANEL).title(title).xAxisTitle("x").yAxisTitle("y").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisMin(bounds[0]).setXAxisMax(bounds[1]).setYAxisMin(bounds[2]).setYAxisMax(bounds[3]);
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      xs[i] = points.get(i, 0);
      ys[i] = points.get(i, 1);
    }
    XYSeries series = chart.addSeries(title, xs, ys);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(new Color(31, 119, 180, 140));
    return chart;
  }

  /** Common axis bounds: the 0.5th–99.5th percentile box of all sets, padded by 10%. */
  private static double[] bounds(Points... sets) {
    int total = 0;
    for (Points p : sets) {
      total += p.size();
    }
    double[] xs = new double[total];
    double[] ys = new double[total];
    int k = 0;
    for (Points p : sets) {
      for (int i = 0; i < p.size(); i++, k++) {
        xs[k] = p.get(i, 0);
        ys[k] = p.get(i, 1);
      }
    }
    java.util.Arrays.sort(xs);
    java.util.Arrays.sort(ys);
    double[] b = {quantile(xs, 0.005), quantile(xs, 0.995), quantile(ys, 0.005), quantile(ys, 0.995)};
    double padX = 0.1 * Math.max(b[1] - b[0], 1e-3);
    double padY = 0.1 * Math.max(b[3] - b[2], 1e-3);
    return new double[] {b[0] - padX, b[1] + padX, b[2] - padY, b[3] + padY};
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }
}
