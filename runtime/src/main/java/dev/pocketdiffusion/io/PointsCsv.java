package dev.pocketdiffusion.io;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Reads and writes 2-D point sets as CSV with the header {@code x,y} (more coordinates: {@code x,y}
 * then {@code x2, x3, …}). Numbers are written with full float precision.
 */
public final class PointsCsv {
  private PointsCsv() {}

  /** The header for {@code dim} coordinates. */
  public static String header(int dim) {
    StringBuilder sb = new StringBuilder("x,y");
    for (int j = 2; j < dim; j++) {
      sb.append(",x").append(j);
    }
    return sb.toString();
  }

  /** Writes points atomically to {@code file}. */
  public static void write(File file, Points points) throws IOException {
    AtomicFiles.write(
        file,
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          writeHeader(w, points.dimension());
          writeRows(w, points);
          w.flush();
        });
  }

  /** Writes the header line for {@code dim} coordinates. */
  public static void writeHeader(Writer w, int dim) throws IOException {
    w.write(header(dim));
    w.write('\n');
  }

  /** Writes one line per point (no header), so a large set can be written batch by batch. */
  public static void writeRows(Writer w, Points points) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      line.setLength(0);
      for (int j = 0; j < points.dimension(); j++) {
        if (j > 0) {
          line.append(',');
        }
        line.append((float) points.get(i, j));
      }
      line.append('\n');
      w.write(line.toString());
    }
  }

  /**
   * Reads a CSV of points with a header line.
   *
   * @throws InvalidInputException naming the file, line and problem
   */
  public static Points read(File file) {
    return read(file, "x,y");
  }

  /**
   * Reads a numeric CSV whose header starts with {@code columns} (e.g. {@code "t,weight"}); each
   * row becomes a point with one coordinate per column.
   *
   * @throws InvalidInputException naming the file, line and problem
   */
  public static Points read(File file, String columns) {
    if (!file.isFile()) {
      throw new InvalidInputException(file + ": file not found");
    }
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file.toPath()), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null) {
        throw new InvalidInputException(
            file + ": file is empty (expected a header line '" + columns + "')");
      }
      int dim = header.split(",", -1).length;
      if (dim < columns.split(",").length
          || !header.trim().toLowerCase(Locale.ROOT).startsWith(columns)) {
        throw new InvalidInputException(
            file + ":1: header must start with '" + columns + "', got '" + header + "'");
      }
      DoubleList values = new DoubleList();
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.trim().isEmpty()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != dim) {
          throw new InvalidInputException(
              file + ":" + lineNo + ": expected " + dim + " columns, got " + cells.length);
        }
        for (String cell : cells) {
          double v;
          try {
            v = Double.parseDouble(cell.trim());
          } catch (NumberFormatException e) {
            throw new InvalidInputException(
                file + ":" + lineNo + ": '" + cell + "' is not a number");
          }
          if (!Double.isFinite(v)) {
            throw new InvalidInputException(
                file + ":" + lineNo + ": value '" + cell + "' is not finite");
          }
          values.add(v);
        }
      }
      if (values.size() == 0) {
        throw new InvalidInputException(file + ": no points after the header");
      }
      return new Points(values.size() / dim, dim, values.toArray());
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** A growable primitive double array. */
  private static final class DoubleList {
    private double[] data = new double[1024];
    private int size;

    void add(double v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int size() {
      return size;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
