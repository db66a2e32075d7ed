package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;

/**
 * A denoiser that describes itself as another one does (path, prediction, dimension, clip range,
 * data moments) and answers {@link #predict} its own way: guidance, a probe, a call counter.
 */
public abstract class ForwardingDenoiser implements Denoiser {
  private final Denoiser model;

  /** Describes itself as {@code model}. */
  protected ForwardingDenoiser(Denoiser model) {
    this.model = model;
  }

  @Override
  public final AffinePath path() {
    return model.path();
  }

  @Override
  public final Prediction prediction() {
    return model.prediction();
  }

  @Override
  public final int dimension() {
    return model.dimension();
  }

  @Override
  public final DataRange dataRange() {
    return model.dataRange();
  }

  @Override
  public final DataMoments dataMoments() {
    return model.dataMoments();
  }
}
