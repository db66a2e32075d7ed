package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dino} rows of the Datasaurus Dozen TSV (columns dataset, x, y), used as tiny-diffusion
 * does: rows drawn uniformly, N(0, 0.15²) jitter, then {@code x ← (x/54 − 1)·4}, {@code y ← (y/48 −
 * 1)·4}. The project ships the TSV as a resource (Matejka &amp; Fitzmaurice, "Same Stats, Different
 * Graphs", CHI 2017; the dino is Alberto Cairo's); a user's own copy may replace it.
 */
final class Datasaurus {
  /** The shipped copy of the Datasaurus Dozen TSV, beside this class. */
  static final String RESOURCE = "DatasaurusDozen.tsv";

  private Datasaurus() {}

  /**
   * The dino dataset from {@code tsv}, or from the shipped copy when {@code tsv} is null.
   *
   * @throws InvalidInputException naming the file, line and problem
   */
  static PointDataset dino(File tsv) {
    if (tsv == null) {
      InputStream shipped = Datasaurus.class.getResourceAsStream(RESOURCE);
      if (shipped == null) {
        throw new IllegalStateException(
            "the shipped " + RESOURCE + " is missing from the trainer jar");
      }
      return dino(
          new BufferedReader(new InputStreamReader(shipped, StandardCharsets.UTF_8)), RESOURCE);
    }
    if (!tsv.isFile()) {
      throw new InvalidInputException(
          tsv + ": file not found (the dino dataset needs the Datasaurus Dozen TSV)");
    }
    try {
      return dino(Files.newBufferedReader(tsv.toPath(), StandardCharsets.UTF_8), tsv.toString());
    } catch (IOException e) {
      throw new InvalidInputException(tsv + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static PointDataset dino(BufferedReader reader, String source) {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in = reader) {
      String line = in.readLine();
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String[] cells = line.split("\t", -1);
        if (cells.length != 3) {
          throw new InvalidInputException(
              source
                  + ":"
                  + lineNo
                  + ": expected 3 tab-separated columns (dataset, x, y), got "
                  + cells.length);
        }
        if (cells[0].trim().equals("dino")) {
          double[] xy;
          try {
            xy =
                new double[] {
                  Double.parseDouble(cells[1].trim()), Double.parseDouble(cells[2].trim())
                };
          } catch (NumberFormatException e) {
            throw new InvalidInputException(
                source
                    + ":"
                    + lineNo
                    + ": x and y must be numbers, got '"
                    + cells[1]
                    + "', '"
                    + cells[2]
                    + "'");
          }
          if (!Double.isFinite(xy[0]) || !Double.isFinite(xy[1])) {
            throw new InvalidInputException(
                source + ":" + lineNo + ": x and y must be finite, got " + xy[0] + ", " + xy[1]);
          }
          rows.add(xy);
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(
          source + ": no 'dino' rows (is this the Datasaurus Dozen TSV?)");
    }
    double[] data = new double[2 * rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      data[2 * i] = rows.get(i)[0];
      data[2 * i + 1] = rows.get(i)[1];
    }
    return new Resampled(
        "dino",
        new Points(rows.size(), 2, data),
        0.15,
        new double[] {54, 48},
        new double[] {4.0 / 54, 4.0 / 48});
  }
}
