package dev.pocketdiffusion.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Global gradient-norm clipping, as PyTorch's {@code clip_grad_norm_}: the factor that brings the
 * L2 norm of all of a network's gradients together down to {@code maxNorm} (1 when it is below).
 * The caller hands the factor to the optimiser's fused update ({@link
 * ResumableAdamW#scaleGradients}) instead of multiplying every gradient, which on this small
 * network costs more in per-call overhead than in arithmetic (docs/PERFORMANCE.md).
 */
final class GradientClipping {
  private final double maxNorm;

  GradientClipping(double maxNorm) {
    this.maxNorm = maxNorm;
  }

  /**
   * The factor for {@code gradients}: {@code maxNorm / (norm + 1e-6)} when their global norm is
   * above {@code maxNorm}, else 1.
   */
  float scale(List<NDArray> gradients) {
    // per-gradient sums of squares, read in one go and added in float32 in parameter order
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
}
