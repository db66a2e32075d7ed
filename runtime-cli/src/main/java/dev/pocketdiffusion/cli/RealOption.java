package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.PointsCsv;
import java.io.File;
import picocli.CommandLine.Option;

/**
 * {@code --real}: real points drawn with a picture's samples; without it, the file of a {@code
 * points:} model stands in for them. Shared by {@code animate} and the plotting commands that show
 * data.
 */
public final class RealOption {
  @Option(
      names = "--real",
      paramLabel = "FILE.csv",
      description =
          "Real points to draw with the samples (header x,y; default: a points: model's own file).")
  File real;

  /**
   * The real points: {@code --real}'s file, else the data of a {@code points:} model, else null.
   */
  Points read(ModelArgument opened) {
    return real != null ? PointsCsv.read(real) : opened.data();
  }

  /** Where {@link #read} found the points, for a title: the file's name or "model data". */
  String source() {
    return real != null ? real.getName() : "model data";
  }
}
