package dev.pocketdiffusion.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointsCsvTest {
  @TempDir Path dir;

  @Test
  void roundTripsAtFloatPrecision() throws IOException {
    Points p = new Points(3, 2, new double[] {0.1, -2.5, 3e-7, 4, 1234.5, -0.000125});
    File f = dir.resolve("p.csv").toFile();
    PointsCsv.write(f, p);
    assertEquals("x,y", Files.readAllLines(f.toPath()).get(0));
    Points back = PointsCsv.read(f);
    assertEquals(3, back.size());
    assertArrayEquals(p.data(), back.data(), 1e-6);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void namesFileLineAndProblem() throws IOException {
    assertMessage("x,y\n1,2\n3,oops\n", "bad.csv:3: 'oops' is not a number");
    assertMessage("x,y\n1,2\n3\n", "bad.csv:3: expected 2 columns, got 1");
    assertMessage("x,y\n1,NaN\n", "bad.csv:2: 'NaN' is not a number");
    assertMessage("x,y\n1,1e999\n", "bad.csv:2: value '1e999' is not finite");
    assertMessage("", "bad.csv: file is empty");
    assertMessage("a,b\n1,2\n", "bad.csv:1: header must be 'x,y'");
    assertMessage("x,y\n", "bad.csv: no points after the header");
  }

  @Test
  void acceptsWhatSpreadsheetsWrite() throws IOException {
    Points p = readString("\uFEFFX, Y\r\n 1.5 ,-2e-1\r\n+3,.5\r\n\r\n");
    assertArrayEquals(new double[] {1.5, -0.2, 3, 0.5}, p.data(), 0);
    assertArrayEquals(new double[] {7, 8}, readString("x,y\r7,8\r").data(), 0);
    assertArrayEquals(
        new double[] {1, 2, 3}, readString("t,weight,x2\n1,2,3\n", "t,weight,x2").data(), 0);
  }

  @Test
  void refusesWhatJavaWouldParseButACsvShouldNotHold() throws IOException {
    for (String cell :
        new String[] {"1\0", "1f", "2d", "0x1p3", "Infinity", "-NaN", "1e", "", "1 2"}) {
      assertMessage("x,y\n0," + cell + "\n", "bad.csv:2: ");
    }
    assertMessage("x,y_extra_garbage\n1,2\n", "bad.csv:1: header must be 'x,y'");
    assertMessage("x,y,z\n1,2,3\n", "bad.csv:1: header must be 'x,y,x2'");
    assertMessage("x\n1\n", "bad.csv:1: header must be 'x,y'");
    assertMessage("\uFEFF\uFEFFx,y\n1,2\n", "bad.csv:1: header must be 'x,y'");
  }

  @Test
  void quotesOnlyAnExcerptOfAHugeCellAndEscapesInvisibleCharacters() throws IOException {
    String huge = "9".repeat(100_000) + "z";
    String message = message("x,y\n1," + huge + "\n");
    assertTrue(message.length() < 200, message);
    assertTrue(message.contains("(100001 characters)"), message);
    String nul = message("x,y\n1,\u00002\n");
    assertTrue(nul.contains("'\\u00002'"), nul);
    String bom = message("x,y\n1,\uFEFF2\n");
    assertTrue(bom.contains("'\\uFEFF2'"), bom);
    String bidi = message("x\u202E,y\n1,2\n");
    assertTrue(bidi.contains("x\\u202E"), bidi);
  }

  @Test
  void refusesAnEndlessLineBeforeReadingItAll() throws IOException {
    File f = dir.resolve("long.csv").toFile();
    try (var out = Files.newBufferedWriter(f.toPath())) {
      out.write("x,y\n1,");
      for (int i = 0; i < 3 * PointsCsv.MAX_LINE_CHARS / 1000; i++) {
        out.write("1".repeat(1000));
      }
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PointsCsv.read(f));
    assertTrue(
        e.getMessage().endsWith(":2: line is longer than 1048576 characters"), e.getMessage());
  }

  @Test
  void callsADirectoryWhatItIs() throws IOException {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> PointsCsv.read(dir.toFile()));
    assertEquals(dir + ": is a directory, expected a file", e.getMessage());
  }

  private Points readString(String content) throws IOException {
    return readString(content, null);
  }

  private Points readString(String content, String columns) throws IOException {
    File f = dir.resolve("ok.csv").toFile();
    Files.write(f.toPath(), content.getBytes(StandardCharsets.UTF_8));
    return columns == null ? PointsCsv.read(f) : PointsCsv.read(f, columns);
  }

  private String message(String content) throws IOException {
    File f = dir.resolve("bad.csv").toFile();
    Files.write(f.toPath(), content.getBytes(StandardCharsets.UTF_8));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PointsCsv.read(f));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private void assertMessage(String content, String expectedStart) throws IOException {
    File f = dir.resolve("bad.csv").toFile();
    Files.write(f.toPath(), content.getBytes(StandardCharsets.UTF_8));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PointsCsv.read(f));
    String message = e.getMessage().replace(f.getPath(), "bad.csv");
    assertEquals(true, message.startsWith(expectedStart), message);
  }
}
