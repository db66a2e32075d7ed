package dev.pocketdiffusion.card;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DataMoments;
import dev.pocketdiffusion.sampling.DataRange;
import dev.pocketdiffusion.sampling.Denoiser;

/**
 * A denoiser that describes itself by its model card: path, prediction, dimension, clip range and
 * data moments all come from the card. {@link CardView} (no network) and the ONNX denoiser extend
 * it.
 */
public abstract class CardDenoiser implements Denoiser {
  private final ModelCard card;
  private final AffinePath path;

  /** Describes itself by {@code card}. */
  protected CardDenoiser(ModelCard card) {
    this.card = card;
    this.path = card.path();
  }

  /** The model card. */
  public final ModelCard card() {
    return card;
  }

  @Override
  public final AffinePath path() {
    return path;
  }

  @Override
  public final Prediction prediction() {
    return card.prediction();
  }

  @Override
  public final int dimension() {
    return card.dimension();
  }

  @Override
  public final DataRange dataRange() {
    return card.dataRange();
  }

  @Override
  public final DataMoments dataMoments() {
    return card.dataMoments();
  }
}
