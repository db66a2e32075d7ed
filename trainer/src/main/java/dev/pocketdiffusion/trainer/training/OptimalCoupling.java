package dev.pocketdiffusion.trainer.training;

/**
 * The exact optimal pairing of two equal-sized point sets under squared Euclidean cost: the
 * Hungarian method with potentials and shortest augmenting paths (Jonker–Volgenant's form), O(n³)
 * time and O(n²) memory for the cost matrix. A batch of 256 takes about a millisecond, so the
 * minibatch optimal-transport coupling of OT-CFM (Tong et al. 2023) needs no entropic approximation
 * here.
 */
public final class OptimalCoupling {
  private OptimalCoupling() {}

  /**
   * The permutation {@code p} that minimises Σᵢ ‖xᵢ − y_{p[i]}‖² over {@code n} points of {@code
   * dim} coordinates each, stored row after row in {@code x} and {@code y}.
   */
  public static int[] assign(double[] x, double[] y, int n, int dim) {
    if (x.length < n * dim || y.length < n * dim) {
      throw new IllegalArgumentException("need " + n + " points of " + dim + " coordinates");
    }
    double[] cost = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
          double d = x[i * dim + k] - y[j * dim + k];
          s += d * d;
        }
        cost[i * n + j] = s;
      }
    }
    return assign(cost, n);
  }

  /**
   * The permutation {@code p} that minimises Σᵢ cost[i·n + p[i]] for an n × n cost matrix stored
   * row after row.
   */
  public static int[] assign(double[] cost, int n) {
    // 1-based rows and columns; column 0 is the virtual start of each augmenting path
    double[] u = new double[n + 1];
    double[] v = new double[n + 1];
    int[] rowOfColumn = new int[n + 1];
    int[] way = new int[n + 1];
    double[] minTo = new double[n + 1];
    boolean[] used = new boolean[n + 1];
    for (int row = 1; row <= n; row++) {
      rowOfColumn[0] = row;
      int column = 0;
      java.util.Arrays.fill(minTo, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(used, false);
      do {
        used[column] = true;
        int i = rowOfColumn[column];
        double delta = Double.POSITIVE_INFINITY;
        int next = 0;
        int base = (i - 1) * n - 1;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double reduced = cost[base + j] - u[i] - v[j];
            if (reduced < minTo[j]) {
              minTo[j] = reduced;
              way[j] = column;
            }
            if (minTo[j] < delta) {
              delta = minTo[j];
              next = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[rowOfColumn[j]] += delta;
            v[j] -= delta;
          } else {
            minTo[j] -= delta;
          }
        }
        column = next;
      } while (rowOfColumn[column] != 0);
      do {
        int previous = way[column];
        rowOfColumn[column] = rowOfColumn[previous];
        column = previous;
      } while (column != 0);
    }
    int[] assignment = new int[n];
    for (int j = 1; j <= n; j++) {
      assignment[rowOfColumn[j] - 1] = j - 1;
    }
    return assignment;
  }
}
