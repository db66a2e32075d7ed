package dev.pocketdiffusion.trainer.blocks;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;

/**
 * The shape of a {@link DenoiserMlp}; defaults are tiny-diffusion's (residual MLP of width 128 and
 * depth 3, GELU, sinusoidal embeddings of 128 with inputs ×25). Serialised into {@code config.json}
 * so a checkpoint can be rebuilt.
 */
public final class NetworkConfig {
  private int dimension = 2;
  private String arch = "resmlp";
  private int width = 128;
  private int depth = 3;
  private String activation = "gelu";
  private String inputEmbedding = "sinusoidal";
  private String timeEmbedding = "sinusoidal";
  private int embeddingSize = 128;
  private float inputScale = 25f;
  private boolean batchNorm;
  private double dropout;
  private long fourierSeed = 0;
  private int numClasses;

  /** tiny-diffusion's defaults. */
  public NetworkConfig() {}

  /** Coordinates per point. */
  public int dimension() {
    return dimension;
  }

  /** {@code resmlp} (residual blocks) or {@code mlp} (plain Linear → activation stack). */
  public String arch() {
    return arch;
  }

  /** Hidden width. */
  public int width() {
    return width;
  }

  /** Number of hidden blocks. */
  public int depth() {
    return depth;
  }

  /** BatchNorm after each hidden Linear (folded into it at export). */
  public boolean batchNorm() {
    return batchNorm;
  }

  /** Dropout probability inside residual blocks (removed at export). */
  public double dropout() {
    return dropout;
  }

  /** Number of classes of a class-conditional network; 0 for unconditional. */
  public int numClasses() {
    return numClasses;
  }

  /** Makes the network class-conditional over {@code classes} classes (0 = unconditional). */
  public NetworkConfig setNumClasses(int classes) {
    this.numClasses = classes;
    return this;
  }

  /** Width of each embedding. */
  public int embeddingSize() {
    return embeddingSize;
  }

  /** Activation of the hidden blocks: relu, gelu or silu. */
  public String activation() {
    return activation;
  }

  /** Per-coordinate embedding: sinusoidal, fourier or identity. */
  public String inputEmbedding() {
    return inputEmbedding;
  }

  /** Scale of coordinates before a sinusoidal or Fourier embedding. */
  public float inputScale() {
    return inputScale;
  }

  /** Time embedding: sinusoidal, learnable, linear or none. */
  public String timeEmbedding() {
    return timeEmbedding;
  }

  /** Sets coordinates per point. */
  public NetworkConfig setDimension(int dimension) {
    this.dimension = dimension;
    return this;
  }

  /** Sets the architecture: resmlp or mlp. */
  public NetworkConfig setArch(String arch) {
    this.arch = arch;
    return this;
  }

  /** Sets the hidden width. */
  public NetworkConfig setWidth(int width) {
    this.width = width;
    return this;
  }

  /** Sets the number of hidden blocks. */
  public NetworkConfig setDepth(int depth) {
    this.depth = depth;
    return this;
  }

  /** Sets the activation: relu, gelu or silu. */
  public NetworkConfig setActivation(String activation) {
    this.activation = activation;
    return this;
  }

  /** Sets the coordinate embedding: sinusoidal, fourier or identity. */
  public NetworkConfig setInputEmbedding(String kind) {
    this.inputEmbedding = kind;
    return this;
  }

  /** Sets the time embedding: sinusoidal, learnable, linear or none. */
  public NetworkConfig setTimeEmbedding(String kind) {
    this.timeEmbedding = kind;
    return this;
  }

  /** Sets the scale applied to coordinates before a periodic embedding. */
  public NetworkConfig setInputScale(float scale) {
    this.inputScale = scale;
    return this;
  }

  /** Sets the width of each embedding. */
  public NetworkConfig setEmbeddingSize(int size) {
    this.embeddingSize = size;
    return this;
  }

  /** Turns BatchNorm in hidden blocks on or off. */
  public NetworkConfig setBatchNorm(boolean on) {
    this.batchNorm = on;
    return this;
  }

  /** Sets the dropout probability in residual blocks. */
  public NetworkConfig setDropout(double p) {
    this.dropout = p;
    return this;
  }

  /** Sets the seed of the random Fourier features. */
  public NetworkConfig setFourierSeed(long seed) {
    this.fourierSeed = seed;
    return this;
  }

  /**
   * Checks every option, naming the first bad one.
   *
   * @throws IllegalArgumentException for an unknown or out-of-range option
   */
  public void validate() {
    require(
        arch.equals("resmlp") || arch.equals("mlp"),
        "--arch must be mlp or resmlp, got '" + arch + "'");
    require(width >= 1 && depth >= 0, "--width must be >= 1 and --depth >= 0");
    require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
    newActivation();
    newCoordinateEmbedding();
    newTimeEmbedding();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** A fresh activation block. */
  Block newActivation() {
    switch (activation) {
      case "relu":
        return Activation.reluBlock();
      case "gelu":
        return Activation.geluBlock();
      case "silu":
        return new Silu();
      default:
        throw new IllegalArgumentException(
            "--activation must be relu, gelu or silu, got '" + activation + "'");
    }
  }

  /** A fresh embedding of one coordinate. */
  Block newCoordinateEmbedding() {
    switch (inputEmbedding) {
      case "sinusoidal":
        return PeriodicEmbedding.sinusoidal(embeddingSize, inputScale);
      case "fourier":
        return PeriodicEmbedding.fourier(embeddingSize, inputScale, fourierSeed);
      case "identity":
        return ScalarEmbedding.identity();
      default:
        throw new IllegalArgumentException(
            "--input-embedding must be sinusoidal, fourier or identity, got '"
                + inputEmbedding
                + "'");
    }
  }

  /** A fresh time embedding, or null for none. */
  Block newTimeEmbedding() {
    switch (timeEmbedding) {
      case "sinusoidal":
        return PeriodicEmbedding.sinusoidal(embeddingSize, 1f);
      case "learnable":
        return ScalarEmbedding.learnable(embeddingSize);
      case "linear":
        return ScalarEmbedding.linear(embeddingSize, 1f);
      case "none":
        return null;
      default:
        throw new IllegalArgumentException(
            "--time-embedding must be sinusoidal, learnable, linear or none, got '"
                + timeEmbedding
                + "'");
    }
  }

  /** Human-readable summary for model cards. */
  public String describe() {
    return arch
        + "(width="
        + width
        + ", depth="
        + depth
        + ", activation="
        + activation
        + ", input="
        + inputEmbedding
        + " x"
        + inputScale
        + ", time="
        + timeEmbedding
        + ", embedding="
        + embeddingSize
        + (batchNorm ? ", batchnorm" : "")
        + (dropout > 0 ? ", dropout=" + dropout : "")
        + (numClasses > 0 ? ", classes=" + numClasses : "")
        + ")";
  }
}
