package dev.pocketdiffusion.trainer.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code mix:} makes each dataset one class, with its points where that dataset puts them. */
class MixDatasetTest {

  @Test
  void eachClassIsItsDataset() {
    LabelledDataset mix = (LabelledDataset) Datasets.byName("mix:moons,circle");
    assertEquals(Arrays.asList("moons", "circle"), mix.classNames());
    long[] labels = new long[4000];
    Points points = mix.sample(4000, 5, labels);
    double[][] sums = new double[2][2];
    int[] counts = new int[2];
    for (int i = 0; i < points.size(); i++) {
      int k = (int) labels[i];
      counts[k]++;
      sums[k][0] += points.get(i, 0);
      sums[k][1] += points.get(i, 1);
    }
    assertTrue(counts[0] > 1800 && counts[1] > 1800, Arrays.toString(counts));
    String[] names = {"moons", "circle"};
    for (int k = 0; k < 2; k++) {
      Points alone = Datasets.byName(names[k]).sample(20_000, 9);
      double mx = 0;
      double my = 0;
      for (int i = 0; i < alone.size(); i++) {
        mx += alone.get(i, 0) / alone.size();
        my += alone.get(i, 1) / alone.size();
      }
      assertEquals(mx, sums[k][0] / counts[k], 0.1, names[k] + " mean x");
      assertEquals(my, sums[k][1] / counts[k], 0.1, names[k] + " mean y");
    }
    long[] again = new long[4000];
    assertArrayEquals(points.data(), mix.sample(4000, 5, again).data(), 0);
    assertArrayEquals(labels, again);
  }

  @Test
  void aMixNeedsTwoKnownDatasets() {
    assertThrows(IllegalArgumentException.class, () -> Datasets.byName("mix:moons"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.byName("mix:moons,nope"));
    assertTrue(e.getMessage().contains("unknown dataset 'nope'"), e.getMessage());
  }
}
