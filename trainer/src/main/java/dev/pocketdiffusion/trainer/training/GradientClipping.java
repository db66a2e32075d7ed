package dev.pocketdiffusion.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Global gradient-norm clipping, as PyTorch's {@code clip_grad_norm_}: the factor that brings the
 * L2 norm of all of a network's gradients together down to {@code maxNorm} (1 when it is below).
 * The caller hands the factor to the optimiser's fused update ({@link ResumableAdamW#scaleGradients})
 * instead of multiplying every gradient, which on this small network costs more in per-call
 * overhead than in arithmetic (docs/PERFORMANCE.md).
 *
 * <p>The gradient arrays are fetched once, after the first backward pass: PyTorch accumulates into
 * them and DJL's update zeroes them in place, so the handles stay valid for the whole run. That
 * needs every trainable parameter to take part in the first forward pass, as in every block of
 * this trainer: DJL stands in a fresh zero array for a gradient that does not exist yet.
 */
final class GradientClipping implements AutoCloseable {
  private final double maxNorm;
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> gradients = new ArrayList<>();

  GradientClipping(Block network, double maxNorm) {
    this.maxNorm = maxNorm;
    for (Pair<String, Parameter> p : network.getParameters()) {
      if (p.getValue().requiresGradient()) { // not BatchNorm's running statistics
        weights.add(p.getValue().getArray());
      }
    }
  }

  /**
   * The factor for this step's gradients: {@code maxNorm / (norm + 1e-6)} when their global norm is
   * above {@code maxNorm}, else 1. Call it after the backward pass.
   */
  float scale() {
    if (gradients.isEmpty()) {
      for (NDArray w : weights) {
        gradients.add(w.getGradient());
      }
    }
    // per-gradient sums of squares, added in float32 in parameter order
    float squares = 0f;
    try (NDList sums = new NDList(gradients.size())) {
      for (NDArray g : gradients) {
        try (NDArray squared = g.square()) {
          sums.add(squared.sum());
        }
      }
      try (NDArray stacked = NDArrays.stack(sums)) {
        for (float s : stacked.toFloatArray()) {
          squares += s;
        }
      }
    }
    double norm = Math.sqrt(squares);
    return norm > maxNorm ? (float) (maxNorm / (norm + 1e-6)) : 1f;
  }

  @Override
  public void close() {
    for (NDArray g : gradients) {
      g.close();
    }
    gradients.clear();
  }
}
