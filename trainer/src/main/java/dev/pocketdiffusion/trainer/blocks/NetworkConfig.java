package dev.pocketdiffusion.trainer.blocks;

/** The shape of a {@link DenoiserMlp}; defaults are tiny-diffusion's. */
public final class NetworkConfig {
  private int dimension = 2;
  private int width = 128;
  private int depth = 3;
  private int embeddingSize = 128;
  private float inputScale = 25f;

  /** Defaults: D = 2, width 128, 3 residual blocks, embeddings of 128, inputs scaled ×25. */
  public NetworkConfig() {}

  /** Coordinates per point. */
  public int dimension() {
    return dimension;
  }

  /** Hidden width. */
  public int width() {
    return width;
  }

  /** Number of residual blocks. */
  public int depth() {
    return depth;
  }

  /** Width of each sinusoidal embedding. */
  public int embeddingSize() {
    return embeddingSize;
  }

  /** Scale applied to coordinates before their embedding. */
  public float inputScale() {
    return inputScale;
  }

  /** Sets coordinates per point. */
  public NetworkConfig setDimension(int dimension) {
    this.dimension = dimension;
    return this;
  }

  /** Sets the hidden width. */
  public NetworkConfig setWidth(int width) {
    this.width = width;
    return this;
  }

  /** Sets the number of residual blocks. */
  public NetworkConfig setDepth(int depth) {
    this.depth = depth;
    return this;
  }

  /** Human-readable summary for model cards. */
  public String describe() {
    return "mlp(width=" + width + ", depth=" + depth + ", embedding=sinusoidal " + embeddingSize
        + ", input_scale=" + inputScale + ", activation=gelu)";
  }
}
