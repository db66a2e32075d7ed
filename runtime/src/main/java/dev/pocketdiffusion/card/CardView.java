package dev.pocketdiffusion.card;

/**
 * A model as its card describes it, without a network: its path, prediction, clip range, data
 * moments and dimension, for code that needs those but never calls the model (drawing a baked
 * model's starts, tracing a sampler). {@link #predict} refuses.
 */
public final class CardView extends CardDenoiser {
  /** A view of {@code card}. */
  public CardView(ModelCard card) {
    super(card);
  }

  /** Always throws: a card has no network. */
  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    throw new UnsupportedOperationException("a model card has no network to call");
  }
}
