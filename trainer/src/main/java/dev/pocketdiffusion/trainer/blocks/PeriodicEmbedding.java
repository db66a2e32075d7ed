package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * Maps a scalar per row, [N], to {@code [sin(s·v·f_i) ‖ cos(s·v·f_i)]}, [N, size]. With {@link
 * #sinusoidal} the frequencies are {@code f_i = exp(−i·ln(10⁴)/(size/2 − 1))}, the transformer
 * positional encoding tiny-diffusion applies to x, y (scale 25) and t (scale 1); with {@link
 * #fourier} they are 2π·N(0, 1) draws, random Fourier features (Tancik et al. 2020, as the MAP583
 * Tiny Diffusion project uses them). The table is fixed (not trained) and shared by the DJL forward
 * pass and the ONNX export, so both use bit-identical constants.
 */
public final class PeriodicEmbedding extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  private final int size;
  private final float scale;
  private final float[] frequencies;

  private PeriodicEmbedding(float[] frequencies, float scale) {
    super(VERSION);
    this.size = 2 * frequencies.length;
    this.scale = scale;
    this.frequencies = frequencies;
  }

  private static int half(int size) {
    if (size < 4 || size % 2 != 0) {
      throw new IllegalArgumentException("embedding size must be even and at least 4, got " + size);
    }
    return size / 2;
  }

  /**
   * The transformer sinusoidal embedding of even {@code size} ≥ 4, input scaled by {@code scale}.
   */
  public static PeriodicEmbedding sinusoidal(int size, float scale) {
    int half = half(size);
    float[] frequencies = new float[half];
    double step = Math.log(10000.0) / (half - 1);
    for (int i = 0; i < half; i++) {
      frequencies[i] = (float) Math.exp(-step * i);
    }
    return new PeriodicEmbedding(frequencies, scale);
  }

  /**
   * Random Fourier features of even {@code size} ≥ 4: frequencies 2π·N(0, 1) drawn from {@code
   * seed}.
   */
  public static PeriodicEmbedding fourier(int size, float scale, long seed) {
    int half = half(size);
    java.util.Random rng = new java.util.Random(seed);
    float[] frequencies = new float[half];
    for (int i = 0; i < half; i++) {
      frequencies[i] = (float) (2 * Math.PI * rng.nextGaussian());
    }
    return new PeriodicEmbedding(frequencies, scale);
  }

  /** Output width. */
  public int width() {
    return size;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray v = inputs.singletonOrThrow();
    NDArray freq = v.getManager().create(frequencies, new Shape(1, frequencies.length));
    NDArray angles = v.mul(scale).expandDims(1).mul(freq);
    return new NDList(NDArrays.concat(new NDList(angles.sin(), angles.cos()), 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), size)};
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    String scaled = graph.node("Mul", inputs[0], graph.scalar("embedding_scale", scale));
    String column = graph.node("Unsqueeze", scaled, graph.longConstant("axes", new long[] {-1}, 1));
    String angles =
        graph.node(
            "Mul", column, graph.constant("frequencies", frequencies, 1, frequencies.length));
    return graph.node(
        "Concat",
        new String[] {graph.node("Sin", angles), graph.node("Cos", angles)},
        OnnxGraph.intAttribute("axis", -1));
  }
}
