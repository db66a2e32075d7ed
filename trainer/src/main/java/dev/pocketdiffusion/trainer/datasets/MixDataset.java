package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.Points;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code mix:A,B,…}: several datasets as the classes of one labelled dataset (the MAP583 Tiny
 * Diffusion project's goal: one model that draws each shape cleanly on request, not a
 * superposition). Each point picks a class uniformly and comes from that class's dataset, in its
 * own coordinates.
 */
final class MixDataset implements LabelledDataset {
  private final String name;
  private final List<PointDataset> parts;

  MixDataset(String name, List<PointDataset> parts) {
    if (parts.size() < 2) {
      throw new IllegalArgumentException(
          "mix: needs at least two datasets, e.g. mix:moons,circle,line");
    }
    this.name = name;
    this.parts = parts;
  }

  @Override
  public String cliName() {
    return name;
  }

  @Override
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (PointDataset part : parts) {
      names.add(part.cliName());
    }
    return names;
  }

  @Override
  public Points sample(int n, long seed, long[] labels) {
    Random rng = new Random(seed);
    int[] counts = new int[parts.size()];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(parts.size());
      counts[(int) labels[i]]++;
    }
    Points[] drawn = new Points[parts.size()];
    for (int k = 0; k < parts.size(); k++) {
      drawn[k] = parts.get(k).sample(Math.max(counts[k], 1), seed * 31 + k + 1);
    }
    int[] used = new int[parts.size()];
    double[] data = new double[2 * n];
    for (int i = 0; i < n; i++) {
      int k = (int) labels[i];
      data[2 * i] = drawn[k].get(used[k], 0);
      data[2 * i + 1] = drawn[k].get(used[k], 1);
      used[k]++;
    }
    return new Points(n, 2, data);
  }
}
