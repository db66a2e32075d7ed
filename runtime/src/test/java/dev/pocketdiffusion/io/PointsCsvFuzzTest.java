package dev.pocketdiffusion.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Fuzz;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated CSV files are either read or refused with one clear line; nothing else escapes the
 * reader.
 */
class PointsCsvFuzzTest {
  @TempDir Path dir;

  @Test
  void mutatedCsvsAreReadOrRefusedWithOneLine() {
    List<byte[]> valid =
        Arrays.asList(
            "x,y\n0.5,-1.25\n1e-3,2.5E2\n-0.0,3\n".getBytes(StandardCharsets.UTF_8),
            "x,y,x2\n1,2,3\n4,5,6\n\n7,8,9\n".getBytes(StandardCharsets.UTF_8),
            "X,Y\r\n 1.5 , 2 \r\n-3,4\r\n".getBytes(StandardCharsets.UTF_8));
    File file = dir.resolve("fuzz.csv").toFile();
    Fuzz.Outcome outcome =
        Fuzz.run(
            20261126L,
            valid,
            200,
            5000,
            3000,
            input -> {
              Files.write(file.toPath(), input);
              PointsCsv.read(file);
            });
    assertTrue(
        outcome.refused > outcome.cases / 10,
        "mutations should break many files: " + outcome.refused + "/" + outcome.cases);
    assertTrue(outcome.accepted > 0, "some mutations should still parse");
  }
}
