package dev.pocketdiffusion.trainer.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import org.junit.jupiter.api.Test;

/** {@code --class-weights} sets each class's share and leaves each class's points its own. */
class ClassWeightsTest {
  private final LabelledDataset mix = (LabelledDataset) Datasets.byName("mix:moons,circle");

  @Test
  void weightsAreNormalisedShares() {
    assertArrayEquals(new double[] {0.25, 0.75}, ClassWeights.parse("1, 3").shares(), 1e-12);
  }

  @Test
  void eachClassGetsItsShareOfThePoints() {
    long[] labels = new long[8000];
    ClassWeights.parse("1,3").sample(mix, 8000, 7, labels);
    int circle = 0;
    for (long label : labels) {
      circle += (int) label;
    }
    // binomial(8000, 0.75): standard deviation 39
    assertEquals(6000, circle, 200, "circle points");
  }

  @Test
  void eachPointComesFromItsOwnClass() {
    long[] labels = new long[3000];
    Points points = ClassWeights.parse("2,1").sample(mix, 3000, 11, labels);
    int[] counts = new int[2];
    for (long label : labels) {
      counts[(int) label]++;
    }
    for (int k = 0; k < 2; k++) {
      Points own = mix.sampleClass(k, counts[k], 11 * 31 + k + 1);
      int used = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == k) {
          assertEquals(own.get(used, 0), points.get(i, 0), 0, "x of point " + i);
          assertEquals(own.get(used, 1), points.get(i, 1), 0, "y of point " + i);
          used++;
        }
      }
    }
    long[] again = new long[3000];
    assertArrayEquals(
        points.data(), ClassWeights.parse("2,1").sample(mix, 3000, 11, again).data(), 0);
    assertArrayEquals(labels, again);
  }

  @Test
  void badWeightsAreRefusedByName() {
    for (String bad : new String[] {"1,0", "1,-2", "1,x", "1,,2", "", "1,Infinity"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ClassWeights.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("--class-weights takes a comma list"), e.getMessage());
    }
  }
}
