package dev.pocketdiffusion.cli;

import java.io.File;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where a picture goes and how it looks: {@code --out}, {@code --range}, {@code --panel}. */
public final class PlotOptions {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the picture.")
  File out;

  @Option(
      names = "--range",
      paramLabel = "XMIN,XMAX,YMIN,YMAX",
      description =
          "Fixed axis ranges (default: the 0.5-99.5 percentile box of the points, padded by 10%%).")
  String range;

  @Option(
      names = "--panel",
      defaultValue = "400",
      paramLabel = "PX",
      description = "Width and height of each panel in pixels (default: ${DEFAULT-VALUE}).")
  int panel;

  /**
   * The axis box {xmin, xmax, ymin, ymax} from {@code --range}, or null for automatic axes.
   *
   * @throws ParameterException for a malformed range or a panel size out of 100..4000
   */
  double[] bounds(CommandLine commandLine) {
    if (panel < 100 || panel > 4000) {
      throw new ParameterException(
          commandLine, "--panel must be in 100..4000 pixels, got " + panel);
    }
    return parseRange(commandLine, range);
  }

  /**
   * Parses {@code --range XMIN,XMAX,YMIN,YMAX}; null gives null.
   *
   * @throws ParameterException for a malformed or empty box
   */
  static double[] parseRange(CommandLine commandLine, String range) {
    if (range == null) {
      return null;
    }
    String[] parts = range.split(",");
    double[] b = new double[4];
    try {
      if (parts.length != 4) {
        throw new NumberFormatException();
      }
      for (int i = 0; i < 4; i++) {
        b[i] = Double.parseDouble(parts[i].trim());
      }
    } catch (NumberFormatException e) {
      throw new ParameterException(
          commandLine,
          "--range must be four numbers XMIN,XMAX,YMIN,YMAX (e.g. -3,3,-3,3), got '" + range + "'");
    }
    if (!(b[0] < b[1] && b[2] < b[3])) {
      throw new ParameterException(
          commandLine, "--range needs XMIN < XMAX and YMIN < YMAX, got '" + range + "'");
    }
    return b;
  }
}
