package dev.pocketdiffusion.onnx;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.NonFiniteOutputException;
import dev.pocketdiffusion.card.CardDenoiser;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.sampling.LabelledDenoiser;
import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Denoiser} backed by an exported {@code .onnx} file and its model card. Use it with
 * try-with-resources:
 *
 * <pre>{@code
 * try (OnnxDenoiser model = OnnxDenoiser.builder().setModel(new File("moons.onnx")).build()) {
 *   Points samples = Sampling.generate(model, Samplers.create("ddim", 50), 1000, 42);
 * }
 * }</pre>
 */
public final class OnnxDenoiser extends CardDenoiser implements LabelledDenoiser, AutoCloseable {
  private final OnnxNetwork network;
  private final AtomicLong evaluations = new AtomicLong();

  private OnnxDenoiser(OnnxNetwork network, ModelCard card) {
    super(card);
    this.network = network;
  }

  /** Loads a model with default options. */
  public static OnnxDenoiser load(File model) {
    return builder().setModel(model).build();
  }

  /** A builder: {@code setModel} is required, {@code optX} are optional. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads and validates the model card of an opened network.
   *
   * @throws InvalidInputException if there is no card or it cannot be read
   */
  public static ModelCard readCard(OnnxNetwork network) {
    ModelCard card = ModelCard.fromMetadata(network.metadata(), network.source());
    if ((card.numClasses() > 0) != network.isLabelled()) {
      throw new InvalidInputException(
          network.source()
              + ": model card says "
              + card.numClasses()
              + " classes but the graph "
              + (network.isLabelled() ? "has" : "has no")
              + " label input");
    }
    if (card.dimension() != network.dimension()) {
      throw new InvalidInputException(
          network.source()
              + ": model card says dimension "
              + card.dimension()
              + " but input x has "
              + network.dimension());
    }
    return card;
  }

  @Override
  public int numClasses() {
    return card().numClasses();
  }

  /**
   * Predicts without a class: the null label for a conditional model.
   *
   * @throws NonFiniteOutputException if the network outputs NaN or an infinity
   */
  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    long[] labels = null;
    if (card().numClasses() > 0) {
      labels = new long[n];
      java.util.Arrays.fill(labels, card().numClasses());
    }
    run(x, t, labels, n, out);
  }

  @Override
  public void predict(double[] x, double[] t, long[] labels, int n, double[] out) {
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] > card().numClasses()) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " is out of range 0.." + card().numClasses());
      }
    }
    run(x, t, labels, n, out);
  }

  /**
   * Rows per ONNX Runtime call at most: a larger call spills the hidden activations out of the CPU
   * caches and costs more per point (docs/PERFORMANCE.md), so big requests go through in equal
   * chunks of up to this size.
   */
  static final int MAX_ROWS_PER_CALL = 1024;

  private void run(double[] x, double[] t, long[] labels, int n, double[] out) {
    int chunks = (n + MAX_ROWS_PER_CALL - 1) / MAX_ROWS_PER_CALL;
    int rows = (n + chunks - 1) / chunks; // equal chunks reuse the network's pinned buffers
    int dim = dimension();
    float[] xf = new float[rows * dim];
    float[] tf = new float[rows];
    float[] of = new float[rows * dim];
    for (int from = 0; from < n; from += rows) {
      int m = Math.min(rows, n - from);
      for (int i = 0; i < m * dim; i++) {
        xf[i] = (float) x[from * dim + i];
      }
      for (int i = 0; i < m; i++) {
        tf[i] = card().networkTime(t[from + i]);
      }
      long[] chunkLabels =
          labels == null || chunks == 1
              ? labels
              : java.util.Arrays.copyOfRange(labels, from, from + m);
      network.forward(xf, tf, chunkLabels, m, of);
      long evaluation = evaluations.incrementAndGet();
      for (int i = 0; i < m * dim; i++) {
        if (!Float.isFinite(of[i])) {
          int point = from + i / dim;
          throw new NonFiniteOutputException(network.source(), of[i], point, t[point], evaluation);
        }
        out[from * dim + i] = of[i];
      }
    }
  }

  @Override
  public void close() {
    network.close();
  }

  /** Builds an {@link OnnxDenoiser}; see {@link OnnxModelBuilder} for the options. */
  public static final class Builder extends OnnxModelBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Loads the model and its card.
     *
     * @throws InvalidInputException if the file is missing, not ONNX, its graph is refused by
     *     {@link GraphCheck}, it has no valid card, or the execution provider is not in this ONNX
     *     Runtime build
     */
    public OnnxDenoiser build() {
      OnnxNetwork network =
          OnnxNetwork.openChecked(checkedBytes(), source(), intraOpThreads(), provider());
      try {
        return new OnnxDenoiser(network, readCard(network));
      } catch (RuntimeException e) {
        network.close();
        throw e;
      }
    }
  }
}
