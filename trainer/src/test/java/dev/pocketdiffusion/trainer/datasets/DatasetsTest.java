package dev.pocketdiffusion.trainer.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  @Test
  void everyProceduralDatasetIsReproducibleAndFinite() {
    for (String name :
        new String[] {
          "moons",
          "circle",
          "line",
          "square",
          "swissroll",
          "spiral",
          "annulus",
          "gaussians",
          "checkerboard"
        }) {
      Points a = Datasets.byName(name).sample(500, 4);
      assertEquals(500, a.size(), name);
      assertTrue(a.allFinite(), name);
      assertArrayEquals(a.data(), Datasets.byName(name).sample(500, 4).data(), 0, name);
      assertEquals(name, Datasets.byName(name).cliName());
    }
  }

  @Test
  void shapesLieWhereTheirRecipesPutThem() {
    Points square = Datasets.byName("square").sample(2000, 1);
    Points annulus = Datasets.byName("annulus").sample(2000, 1);
    Points line = Datasets.byName("line").sample(2000, 1);
    for (int i = 0; i < 2000; i++) {
      assertTrue(Math.abs(square.get(i, 0)) <= 1 && Math.abs(square.get(i, 1)) <= 1);
      double r = Math.hypot(annulus.get(i, 0), annulus.get(i, 1));
      assertTrue(r >= 1 && r <= 2);
      assertTrue(Math.abs(line.get(i, 0)) <= 2 && Math.abs(line.get(i, 1)) <= 4);
    }
  }

  @Test
  void dinoFollowsTinyDiffusionsMapping() {
    Points dino = Datasets.byName("dino").sample(8000, 42);
    assertEquals(8000, dino.size());
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    for (int i = 0; i < dino.size(); i++) {
      minX = Math.min(minX, dino.get(i, 0));
      maxX = Math.max(maxX, dino.get(i, 0));
    }
    // raw dino x spans about 22.3..98.2, mapped by (x/54 − 1)·4: about −2.35..3.27
    assertEquals(-2.35, minX, 0.1);
    assertEquals(3.27, maxX, 0.1);
  }

  @Test
  void dinoReadsAUsersOwnCopyLikeTheShippedOne() throws IOException {
    File copy = dir.resolve("DatasaurusDozen.tsv").toFile();
    try (InputStream shipped = Datasets.class.getResourceAsStream(Datasaurus.RESOURCE)) {
      Files.copy(shipped, copy.toPath());
    }
    assertArrayEquals(
        Datasets.byName("dino").sample(500, 3).data(),
        Datasets.byName("dino", copy).sample(500, 3).data(),
        0);
    // a user's file with other dino rows gives other points
    Files.writeString(copy.toPath(), "dataset\tx\ty\ndino\t54\t48\n");
    Points centre = Datasets.byName("dino", copy).sample(200, 3);
    for (int i = 0; i < centre.size(); i++) {
      assertEquals(0, centre.get(i, 0), 0.1);
    }
  }

  @Test
  void dinoExplainsAMissingOrWrongFile() throws IOException {
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () -> Datasets.byName("dino", dir.resolve("nope.tsv").toFile()));
    assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
    File noDino = dir.resolve("other.tsv").toFile();
    Files.writeString(noDino.toPath(), "dataset\tx\ty\naway\t1\t2\n");
    InvalidInputException wrong =
        assertThrows(InvalidInputException.class, () -> Datasets.byName("dino", noDino));
    assertTrue(
        wrong.getMessage().endsWith("no 'dino' rows (is this the Datasaurus Dozen TSV?)"),
        wrong.getMessage());
  }

  @Test
  void csvDatasetsResampleTheFilesPoints() throws IOException {
    File csv = dir.resolve("pts.csv").toFile();
    Files.writeString(csv.toPath(), "x,y\n1,2\n3,4\n");
    Points p = Datasets.byName("csv:" + csv.getPath()).sample(100, 1);
    for (int i = 0; i < 100; i++) {
      assertTrue((p.get(i, 0) == 1 && p.get(i, 1) == 2) || (p.get(i, 0) == 3 && p.get(i, 1) == 4));
    }
  }
}
