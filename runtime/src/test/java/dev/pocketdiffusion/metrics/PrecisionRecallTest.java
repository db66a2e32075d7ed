package dev.pocketdiffusion.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {
  @Test
  void identicalSetsAreFullyCovered() {
    Points real = TestPoints.gaussian(1, 500, 2, 0, 1);
    PrecisionRecall pr = PrecisionRecall.knn(real, real, 3);
    assertEquals(1.0, pr.precision());
    assertEquals(1.0, pr.recall());
  }

  @Test
  void farAwaySetIsNotCovered() {
    Points real = TestPoints.gaussian(1, 500, 2, 0, 1);
    Points generated = TestPoints.gaussian(2, 500, 2, 50, 1);
    PrecisionRecall pr = PrecisionRecall.knn(real, generated, 3);
    assertEquals(0.0, pr.precision());
    assertEquals(0.0, pr.recall());
  }

  @Test
  void halfTheModesGiveHighPrecisionAndHalfRecall() {
    Points real = TestPoints.corners(1, 4, 250, 0.1);
    Points generated = TestPoints.corners(2, 2, 500, 0.1);
    PrecisionRecall pr = PrecisionRecall.knn(real, generated, 3);
    assertTrue(pr.precision() > 0.9, "precision = " + pr.precision());
    assertTrue(pr.recall() > 0.4 && pr.recall() <= 0.5, "recall = " + pr.recall());
  }

  @Test
  void oneReferenceScoresManySetsAsKnnDoes() {
    Points real = TestPoints.corners(1, 4, 250, 0.1);
    PrecisionRecall.Reference reference = PrecisionRecall.against(real, 3);
    for (Points generated :
        new Points[] {TestPoints.corners(2, 2, 500, 0.1), TestPoints.gaussian(3, 400, 2, 0, 1)}) {
      PrecisionRecall once = reference.score(generated);
      PrecisionRecall fresh = PrecisionRecall.knn(real, generated, 3);
      assertEquals(fresh.precision(), once.precision());
      assertEquals(fresh.recall(), once.recall());
    }
    assertThrows(IllegalArgumentException.class, () -> reference.score(TestPoints.line(0, 1, 2)));
  }

  @Test
  void kthNeighbourRadiiExcludeThePointItself() {
    Points points = TestPoints.line(0, 1, 3, 7);
    assertArrayEquals(
        new double[] {1, 1, 4, 16}, PrecisionRecall.kthNeighbourSquaredDistances(points, 1));
    assertArrayEquals(
        new double[] {9, 4, 9, 36}, PrecisionRecall.kthNeighbourSquaredDistances(points, 2));
  }

  @Test
  void ballBoundaryCountsAsInside() {
    // real radii (k = 1) are 1; generated {2, 5} have radii 3.
    // 2 is exactly 1 from real 1 (inside), 5 is 4 away (outside); both real points lie within 3 of
    // 2.
    PrecisionRecall pr = PrecisionRecall.knn(TestPoints.line(0, 1), TestPoints.line(2, 5), 1);
    assertEquals(0.5, pr.precision());
    assertEquals(1.0, pr.recall());
  }

  @Test
  void rejectsBadK() {
    Points points = TestPoints.line(0, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.knn(points, points, 0));
    IllegalArgumentException tooFew =
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.knn(points, points, 3));
    assertTrue(tooFew.getMessage().contains("at least 4"), tooFew.getMessage());
  }
}
