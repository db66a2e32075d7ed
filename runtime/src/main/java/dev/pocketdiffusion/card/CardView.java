package dev.pocketdiffusion.card;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DataMoments;
import dev.pocketdiffusion.sampling.DataRange;
import dev.pocketdiffusion.sampling.Denoiser;

/**
 * A model as its card describes it, without a network: its path, prediction, clip range, data
 * moments and dimension, for code that needs those but never calls the model (drawing a baked
 * model's starts, tracing a sampler). {@link #predict} refuses.
 */
public final class CardView implements Denoiser {
  private final ModelCard card;
  private final AffinePath path;

  /** A view of {@code card}. */
  public CardView(ModelCard card) {
    this.card = card;
    this.path = card.path();
  }

  @Override
  public AffinePath path() {
    return path;
  }

  @Override
  public Prediction prediction() {
    return card.prediction();
  }

  @Override
  public int dimension() {
    return card.dimension();
  }

  @Override
  public DataRange dataRange() {
    return card.dataRange();
  }

  @Override
  public DataMoments dataMoments() {
    return card.dataMoments();
  }

  /** Always throws: a card has no network. */
  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    throw new UnsupportedOperationException("a model card has no network to call");
  }
}
