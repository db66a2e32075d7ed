package dev.pocketdiffusion.io;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

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

  /** Longest line the reader accepts, in characters: no sane point row comes near it. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  /**
   * Reads a CSV of points whose header is {@code x,y} (then {@code x2, x3, …} for more
   * coordinates). A UTF-8 byte order mark and CRLF line ends, as spreadsheets write them, are
   * accepted; cells may be padded with spaces.
   *
   * @throws InvalidInputException naming the file, line and problem
   */
  public static Points read(File file) {
    return read(file, null);
  }

  /**
   * Reads a numeric CSV whose header is exactly {@code columns} (e.g. {@code "t,weight"}, names
   * compared ignoring case and surrounding spaces); each row becomes a point with one coordinate
   * per column.
   *
   * @throws InvalidInputException naming the file, line and problem
   */
  public static Points read(File file, String columns) {
    InputFiles.checkReadable(file, "file");
    try (Reader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file.toPath()), StandardCharsets.UTF_8))) {
      LineReader lines = new LineReader(in, file);
      String header = lines.next();
      String expected = columns != null ? columns : "x,y";
      if (header == null) {
        throw new InvalidInputException(
            file + ": file is empty (expected a header line '" + expected + "')");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      String[] names = header.split(",", -1);
      int dim = names.length;
      if (columns == null) {
        expected = header(Math.max(2, dim));
      }
      if (!matches(names, expected)) {
        throw new InvalidInputException(
            file
                + ":1: header must be '"
                + expected
                + "'"
                + (columns == null ? " (then x2, x3, … for more coordinates)" : "")
                + ", got "
                + InvalidInputException.quote(header));
      }
      DoubleList values = new DoubleList();
      String line;
      while ((line = lines.next()) != null) {
        if (strip(line).isEmpty()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != dim) {
          throw new InvalidInputException(
              file + ":" + lines.number + ": expected " + dim + " columns, got " + cells.length);
        }
        for (String cell : cells) {
          values.add(number(cell, file, lines.number));
        }
      }
      if (values.size() == 0) {
        throw new InvalidInputException(file + ": no points after the header");
      }
      return new Points(values.size() / dim, dim, values.toArray());
    } catch (IOException e) {
      throw InputFiles.failure(file, e);
    }
  }

  private static boolean matches(String[] names, String expected) {
    String[] want = expected.split(",", -1);
    if (names.length != want.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      if (!strip(names[i]).equalsIgnoreCase(want[i])) {
        return false;
      }
    }
    return true;
  }

  private static double number(String cell, File file, int lineNo) {
    String trimmed = strip(cell);
    if (!isDecimal(trimmed)) {
      throw new InvalidInputException(
          file
              + ":"
              + lineNo
              + ": "
              + InvalidInputException.quote(cell)
              + " is not a number (expected a decimal such as -1.5 or 2.5e-3)");
    }
    double v = Double.parseDouble(trimmed);
    if (!Double.isFinite(v)) {
      throw new InvalidInputException(
          file + ":" + lineNo + ": value " + InvalidInputException.quote(cell) + " is not finite");
    }
    return v;
  }

  /** {@code s} without surrounding spaces and tabs (String.trim would also drop NUL and others). */
  private static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  /**
   * True for a plain decimal number, optionally in E notation: what {@link #writeRows} and
   * spreadsheets write. {@link Double#parseDouble} alone would also take {@code 1f}, {@code 2d},
   * hex floats, {@code NaN}, {@code Infinity} and control characters around the number.
   */
  private static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Splits a reader into lines ending in LF, CRLF or CR, refusing a line longer than {@link
   * #MAX_LINE_CHARS} before reading the rest of it.
   */
  private static final class LineReader {
    private final Reader in;
    private final File file;
    private final StringBuilder line = new StringBuilder();
    private int pending = -2;
    int number;

    LineReader(Reader in, File file) {
      this.in = in;
      this.file = file;
    }

    /** The next line without its end, or null at the end of the file. */
    String next() throws IOException {
      line.setLength(0);
      int c = pending != -2 ? pending : in.read();
      pending = -2;
      if (c < 0) {
        return null;
      }
      number++;
      while (c >= 0 && c != '\n' && c != '\r') {
        if (line.length() == MAX_LINE_CHARS) {
          throw new InvalidInputException(
              file + ":" + number + ": line is longer than " + MAX_LINE_CHARS + " characters");
        }
        line.append((char) c);
        c = in.read();
      }
      if (c == '\r') {
        int after = in.read();
        if (after != '\n') {
          pending = after;
        }
      }
      return line.toString();
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
