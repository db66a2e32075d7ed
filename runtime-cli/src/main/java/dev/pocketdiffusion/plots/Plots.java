package dev.pocketdiffusion.plots;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of 2-D point sets (XChart), written atomically: scatter panels in a grid, sampling
 * trajectories and log-density heat maps. Every scatter panel maps its axis box onto the whole plot
 * area (the area filled with {@link #PLOT_BACKGROUND}), so a point's pixel follows from the axes
 * alone. Desktop only.
 */
public final class Plots {
  /** The colour of the plot area behind the points. */
  public static final Color PLOT_BACKGROUND = new Color(246, 246, 246);

  /** The colour of plotted points (before alpha blending). */
  public static final Color POINT = new Color(31, 119, 180);

  private static final int PANEL = 520;
  private static final Color POINT_FILL = new Color(31, 119, 180, 140);
  private static final Color REFERENCE = new Color(150, 150, 150, 90);
  private static final Color[] HEAT = {
    new Color(12, 7, 134),
    new Color(126, 3, 168),
    new Color(204, 71, 120),
    new Color(248, 149, 64),
    new Color(240, 249, 33)
  };

  private Plots() {}

  /**
   * Writes one 520-pixel scatter panel per point set, side by side, all on the same automatic axes.
   */
  public static void scatterPanels(File png, String[] titles, Points... sets) throws IOException {
    scatterGrid(png, PANEL, sets.length, titles, null, sets);
  }

  /**
   * Writes the point sets as square scatter panels of {@code panel} pixels, {@code columns} to a
   * row, all on the axis box {@code bounds} ({xmin, xmax, ymin, ymax}; null: {@link #bounds}).
   */
  public static void scatterGrid(
      File png, int panel, int columns, String[] titles, double[] bounds, Points... sets)
      throws IOException {
    double[] box = bounds != null ? bounds : bounds(sets);
    int rows = (sets.length + columns - 1) / columns;
    BufferedImage image =
        new BufferedImage(
            panel * Math.min(columns, sets.length), panel * rows, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int s = 0; s < sets.length; s++) {
        XYChart chart = axes(titles[s], panel, panel, box, 3);
        addPoints(chart, "points", sets[s], POINT_FILL);
        g.drawImage(
            BitmapEncoder.getBufferedImage(chart),
            panel * (s % columns),
            panel * (s / columns),
            null);
      }
    } finally {
      g.dispose();
    }
    write(png, image);
  }

  /**
   * One colour per class (matplotlib's tab10 with black for its grey, which the reference data
   * uses), repeated after ten classes.
   */
  private static final Color[] CLASS_COLORS = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(0, 0, 0),
    new Color(188, 189, 34),
    new Color(23, 190, 207)
  };

  private static final Color CLASS_REFERENCE = new Color(120, 120, 120, 110);

  /**
   * Writes a class-conditional model's samples: a first panel, {@code title}, with every class in
   * its own colour and a legend of {@code names}, then one panel per class with its samples in its
   * colour over {@code reference[k]} (that class's data, may be null) in light grey; {@code
   * columns} panels to a row, all on common axes.
   */
  public static void classPanels(
      File png, String title, String[] names, Points[] samples, Points[] reference, int columns)
      throws IOException {
    double[] box = bounds(samples);
    int panels = samples.length + 1;
    int rows = (panels + columns - 1) / columns;
    BufferedImage image =
        new BufferedImage(
            PANEL * Math.min(columns, panels), PANEL * rows, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      XYChart all = axes(title, PANEL, PANEL, box, 3);
      all.getStyler().setLegendVisible(true);
      all.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
      for (int k = 0; k < samples.length; k++) {
        addPoints(all, names[k], samples[k], classColor(k, 140));
      }
      g.drawImage(BitmapEncoder.getBufferedImage(all), 0, 0, null);
      for (int k = 0; k < samples.length; k++) {
        XYChart chart = axes("class " + names[k], PANEL, PANEL, box, 3);
        if (reference != null && reference[k] != null) {
          addPoints(chart, "data", reference[k], CLASS_REFERENCE);
        }
        addPoints(chart, names[k], samples[k], classColor(k, 170));
        int p = k + 1;
        g.drawImage(
            BitmapEncoder.getBufferedImage(chart),
            PANEL * (p % columns),
            PANEL * (p / columns),
            null);
      }
    } finally {
      g.dispose();
    }
    write(png, image);
  }

  static Color classColor(int k, int alpha) {
    Color c = CLASS_COLORS[k % CLASS_COLORS.length];
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /**
   * Writes the paths of points through a sampler run: {@code states[k]} holds every point after
   * step k (the same points in the same order), drawn as lines from the base draw (grey dots) to
   * the samples (blue dots), over {@code reference} points in light grey when not null.
   */
  public static void trajectories(
      File png, int panel, String title, double[] bounds, Points[] states, Points reference)
      throws IOException {
    Points first = states[0];
    Points last = states[states.length - 1];
    double[] box = bounds != null ? bounds : bounds(first, last);
    XYChart chart = axes(title, panel, panel, box, 4);
    if (reference != null) {
      addPoints(chart, "data", reference, REFERENCE);
    }
    Color line = new Color(31, 119, 180, 70);
    double[] xs = new double[states.length];
    double[] ys = new double[states.length];
    for (int i = 0; i < first.size(); i++) {
      for (int k = 0; k < states.length; k++) {
        xs[k] = states[k].get(i, 0);
        ys[k] = states[k].get(i, 1);
      }
      XYSeries path = chart.addSeries("path " + i, xs.clone(), ys.clone());
      path.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      path.setMarker(SeriesMarkers.NONE);
      path.setLineColor(line);
      path.setLineWidth(1f);
      path.setLineStyle(SeriesLines.SOLID);
    }
    addPoints(chart, "start", first, new Color(110, 110, 110, 200));
    addPoints(chart, "end", last, POINT);
    write(png, BitmapEncoder.getBufferedImage(chart));
  }

  /**
   * Writes a heat map of {@code values} on a {@code size × size} grid of cells spanning {@code
   * bounds} ({@code values[row * size + column]}, row 0 at ymin), coloured from dark ({@code floor}
   * and below) to yellow (the maximum). XChart draws the axes; the cells are painted into its plot
   * area, found as the pixels of {@link #PLOT_BACKGROUND}.
   */
  public static void heatMap(
      File png, int panel, String title, double[] bounds, int size, double[] values, double floor)
      throws IOException {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    BufferedImage image = BitmapEncoder.getBufferedImage(axes(title, panel, panel, bounds, 1));
    int background = PLOT_BACKGROUND.getRGB();
    int[] area =
        plotArea(image, 0, 0, image.getWidth(), image.getHeight(), rgb -> rgb == background);
    int width = area[2] - area[0] + 1;
    int height = area[3] - area[1] + 1;
    for (int py = area[1]; py <= area[3]; py++) {
      int row = Math.min(size - 1, (area[3] - py) * size / height);
      for (int px = area[0]; px <= area[2]; px++) {
        int column = Math.min(size - 1, (px - area[0]) * size / width);
        double v = values[row * size + column];
        double u = max > floor ? (Math.max(floor, v) - floor) / (max - floor) : 1;
        image.setRGB(px, py, ramp(u));
      }
    }
    write(png, image);
  }

  /**
   * The box {x0, y0, x1, y1} (inclusive, in image pixels) of the plot area inside the panel {@code
   * [left, left + width) × [top, top + height)} of {@code image}: the rows and columns in which at
   * least half as many pixels pass {@code area} as in the fullest one (anti-aliased text can hit
   * the plot colour in a few stray pixels). Tests read rendered pictures back with it.
   *
   * @throws IllegalStateException if no pixel of the panel passes {@code area}
   */
  public static int[] plotArea(
      BufferedImage image, int left, int top, int width, int height, IntPredicate area) {
    int[] rows = new int[height];
    int[] columns = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (area.test(image.getRGB(left + x, top + y))) {
          rows[y]++;
          columns[x]++;
        }
      }
    }
    int[] ys = fullest(rows);
    int[] xs = fullest(columns);
    if (xs[0] < 0) {
      throw new IllegalStateException("no pixel of the panel has the plot area's colour");
    }
    return new int[] {left + xs[0], top + ys[0], left + xs[1], top + ys[1]};
  }

  /**
   * The first and last index whose count is at least half the largest ({-1, -1} when all are 0).
   */
  private static int[] fullest(int[] counts) {
    int max = 0;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && 2 * counts[i] >= max) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    return new int[] {first, last};
  }

  /** The plasma-like colour at {@code u} in [0, 1]: dark blue, purple, pink, orange, yellow. */
  private static int ramp(double u) {
    double x = Math.max(0, Math.min(1, u)) * (HEAT.length - 1);
    int i = Math.min(HEAT.length - 2, (int) x);
    double f = x - i;
    Color a = HEAT[i];
    Color b = HEAT[i + 1];
    int r = (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed()));
    int g = (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen()));
    int bl = (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue()));
    return new Color(r, g, bl).getRGB();
  }

  /**
   * Writes a training curve: the raw values faintly and their moving average over 1% of the run (at
   * least 1 value) on a log y axis.
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
    XYChart chart =
        new XYChartBuilder()
            .width(2 * PANEL)
            .height(PANEL)
            .title("training loss")
            .xAxisTitle("step")
            .yAxisTitle("loss")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(0);
    XYSeries raw = chart.addSeries("loss", steps, values);
    raw.setLineColor(new Color(31, 119, 180, 60));
    raw.setMarker(SeriesMarkers.NONE);
    XYSeries avg = chart.addSeries("moving average (" + window + " steps)", steps, smooth);
    avg.setLineColor(new Color(214, 39, 40));
    avg.setMarker(SeriesMarkers.NONE);
    write(png, BitmapEncoder.getBufferedImage(chart));
  }

  /**
   * Empty axes on the box {xmin, xmax, ymin, ymax}, mapped onto the whole plot area; markers of
   * {@code markerSize} pixels.
   */
  private static XYChart axes(String title, int width, int height, double[] box, int markerSize) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("x")
            .yAxisTitle("y")
            .build();
    Styler styler = chart.getStyler();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    styler.setLegendVisible(false);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(PLOT_BACKGROUND);
    styler.setPlotContentSize(1.0);
    styler.setMarkerSize(markerSize);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart
        .getStyler()
        .setXAxisMin(box[0])
        .setXAxisMax(box[1])
        .setYAxisMin(box[2])
        .setYAxisMax(box[3]);
    return chart;
  }

  private static void addPoints(XYChart chart, String name, Points points, Color color) {
    if (points.size() == 0) {
      return;
    }
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      xs[i] = points.get(i, 0);
      ys[i] = points.get(i, 1);
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(color);
  }

  /**
   * Encodes in memory first, so a failing disk meets a plain stream write, not ImageIO's temporary
   * file cache (whose close after a failed write threw a NullPointerException at JVM exit).
   */
  static void write(File png, BufferedImage image) throws IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(encoded)) {
      ImageIO.write(image, "png", stream);
    }
    AtomicFiles.write(png, encoded::writeTo);
  }

  /** Common axis bounds: the 0.5th–99.5th percentile box of all sets, padded by 10%. */
  public static double[] bounds(Points... sets) {
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
    Arrays.sort(xs);
    Arrays.sort(ys);
    double[] b = {
      quantile(xs, 0.005), quantile(xs, 0.995), quantile(ys, 0.005), quantile(ys, 0.995)
    };
    double padX = 0.1 * Math.max(b[1] - b[0], 1e-3);
    double padY = 0.1 * Math.max(b[3] - b[2], 1e-3);
    return new double[] {b[0] - padX, b[1] + padX, b[2] - padY, b[3] + padY};
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }
}
