package dev.pocketdiffusion.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    assertMessage("x,y\n1,NaN\n", "bad.csv:2: value 'NaN' is not finite");
    assertMessage("", "bad.csv: file is empty");
    assertMessage("a,b\n1,2\n", "bad.csv:1: header must start with 'x,y'");
    assertMessage("x,y\n", "bad.csv: no points after the header");
  }

  private void assertMessage(String content, String expectedStart) throws IOException {
    File f = dir.resolve("bad.csv").toFile();
    Files.write(f.toPath(), content.getBytes(StandardCharsets.UTF_8));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PointsCsv.read(f));
    String message = e.getMessage().replace(f.getPath(), "bad.csv");
    assertEquals(true, message.startsWith(expectedStart), message);
  }
}
