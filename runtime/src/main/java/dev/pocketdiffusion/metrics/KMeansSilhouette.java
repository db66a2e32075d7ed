package dev.pocketdiffusion.metrics;

import dev.pocketdiffusion.Points;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/** k-means++ cluster labels and the mean silhouette score of a labelling. */
final class KMeansSilhouette {
  /** Lloyd iterations at most (scikit-learn's default). */
  static final int MAX_ITERATIONS = 300;

  private KMeansSilhouette() {}

  /** Mean silhouette score of the k-means++ clustering of {@code points} into {@code clusters}. */
  static double score(Points points, int clusters, long seed) {
    return meanSilhouette(points, kMeansLabels(points, clusters, seed), clusters);
  }

  /**
   * Cluster index of every point under Commons Math's k-means++, seeded through a {@link
   * JDKRandomGenerator}.
   */
  static int[] kMeansLabels(Points points, int clusters, long seed) {
    List<IndexedPoint> items = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      items.add(new IndexedPoint(points, i));
    }
    JDKRandomGenerator random = new JDKRandomGenerator();
    random.setSeed(seed);
    KMeansPlusPlusClusterer<IndexedPoint> clusterer =
        new KMeansPlusPlusClusterer<>(clusters, MAX_ITERATIONS, new EuclideanDistance(), random);
    int[] labels = new int[points.size()];
    List<CentroidCluster<IndexedPoint>> result = clusterer.cluster(items);
    for (int c = 0; c < result.size(); c++) {
      for (IndexedPoint p : result.get(c).getPoints()) {
        labels[p.index] = c;
      }
    }
    return labels;
  }

  /**
   * Mean over all points of {@code s = (b − a) / max(a, b)}, with a the mean distance to the other
   * points of its own cluster and b the smallest mean distance to another non-empty cluster; s = 0
   * for a point alone in its cluster, when no other cluster is non-empty, or when a = b = 0.
   */
  static double meanSilhouette(Points points, int[] labels, int clusters) {
    int n = points.size();
    int[] sizes = new int[clusters];
    for (int label : labels) {
      sizes[label]++;
    }
    double[] sums = new double[clusters];
    double total = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(sums, 0);
      for (int j = 0; j < n; j++) {
        sums[labels[j]] += Math.sqrt(points.squaredDistance(i, points, j));
      }
      total += silhouette(sums, sizes, labels[i]);
    }
    return total / n;
  }

  private static double silhouette(double[] sums, int[] sizes, int own) {
    if (sizes[own] == 1) {
      return 0;
    }
    double a = sums[own] / (sizes[own] - 1);
    double b = Double.POSITIVE_INFINITY;
    for (int c = 0; c < sizes.length; c++) {
      if (c != own && sizes[c] > 0) {
        b = Math.min(b, sums[c] / sizes[c]);
      }
    }
    double scale = Math.max(a, b);
    return b == Double.POSITIVE_INFINITY || scale == 0 ? 0 : (b - a) / scale;
  }

  /** One point of a {@link Points} set, remembering its index for the labels. */
  private static final class IndexedPoint implements Clusterable {
    final int index;
    private final double[] coordinates;

    IndexedPoint(Points points, int index) {
      this.index = index;
      int dim = points.dimension();
      this.coordinates = Arrays.copyOfRange(points.data(), index * dim, (index + 1) * dim);
    }

    @Override
    public double[] getPoint() {
      return coordinates;
    }
  }
}
