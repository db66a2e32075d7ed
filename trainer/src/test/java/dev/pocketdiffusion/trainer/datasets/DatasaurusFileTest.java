package dev.pocketdiffusion.trainer.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.trainer.cli.TrainerCli;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Datasaurus file that is not what {@code --dataset dino} needs is refused by {@code trainer
 * train} before anything is written: exit 1, one line naming the file (and line) and the problem.
 */
class DatasaurusFileTest {
  @TempDir Path dir;

  private void assertRefused(String name, String content, String... fragments) throws IOException {
    File tsv = dir.resolve(name).toFile();
    Files.writeString(tsv.toPath(), content);
    File out = dir.resolve("run-" + name).toFile();
    StringWriter err = new StringWriter();
    int code =
        CliRunner.run(
            "trainer",
            new TrainerCli(),
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "train",
            "--dataset",
            "dino",
            "--data",
            tsv.getPath(),
            "--out",
            out.getPath(),
            "--steps",
            "10");
    String line = err.toString().trim();
    assertEquals(1, code, line);
    assertFalse(line.contains("\n"), "one line expected, got:\n" + line);
    assertFalse(line.contains("Exception"), "no stack trace: " + line);
    assertTrue(line.contains(tsv.getPath()), "the file is named: " + line);
    for (String f : fragments) {
      assertTrue(line.contains(f), "'" + f + "' missing in: " + line);
    }
    assertFalse(out.exists(), "no output directory for a refused dataset");
  }

  @Test
  void fileWithoutDinoRows() throws IOException {
    assertRefused(
        "away.tsv", "dataset\tx\ty\naway\t32.3\t61.4\naway\t53.4\t26.2\n", "no 'dino' rows");
  }

  @Test
  void emptyFile() throws IOException {
    assertRefused("empty.tsv", "", "no 'dino' rows");
  }

  @Test
  void commaSeparatedInsteadOfTabs() throws IOException {
    assertRefused(
        "comma.tsv",
        "dataset,x,y\ndino,55.4,97.2\n",
        ":2: expected 3 tab-separated columns (dataset, x, y), got 1");
  }

  @Test
  void nonNumericCell() throws IOException {
    assertRefused(
        "word.tsv",
        "dataset\tx\ty\ndino\t55.4\t97.2\ndino\tfifty\t97.2\n",
        ":3: x and y must be numbers",
        "'fifty'");
  }

  @Test
  void notFiniteCell() throws IOException {
    assertRefused("nan.tsv", "dataset\tx\ty\ndino\t55.4\tNaN\n", ":2: x and y must be finite");
    assertRefused("inf.tsv", "dataset\tx\ty\ndino\tInfinity\t1\n", ":2: x and y must be finite");
  }
}
