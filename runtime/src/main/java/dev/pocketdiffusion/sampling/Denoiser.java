package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;

/**
 * Anything that predicts, for noisy points on a path, the network output a sampler needs: an ONNX
 * model or a closed-form denoiser. Samplers see only this interface.
 */
public interface Denoiser {

  /** The path this denoiser was trained on (or is optimal for). */
  AffinePath path();

  /** What {@link #predict} returns. */
  Prediction prediction();

  /** Number of coordinates per point. */
  int dimension();

  /** The box clean predictions are clamped to while sampling, or null for no clamping. */
  default DataRange dataRange() {
    return null;
  }

  /**
   * The mean and covariance of the training data, or null if unknown; ve sampling starts from them
   * (see {@link Sampling#generate}).
   */
  default DataMoments dataMoments() {
    return null;
  }

  /**
   * Predicts for {@code n} points {@code x} (row-major n × dimension) at path times {@code t[i]} in
   * [0, 1], writing n × dimension values into {@code out}. Implementations are thread-safe.
   */
  void predict(double[] x, double[] t, int n, double[] out);
}
