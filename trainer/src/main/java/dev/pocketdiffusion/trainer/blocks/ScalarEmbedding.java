package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * tiny-diffusion's simple embeddings of a scalar per row, [N]: {@code v·factor} as one column ([N,
 * 1]; "identity" with factor 1, "linear" with scale/size), optionally followed by a trained {@code
 * Linear(1 → width)} ("learnable", on v/size).
 */
public final class ScalarEmbedding extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  private final float factor;
  private final Block linear;
  private final int width;

  private ScalarEmbedding(float factor, int learnedWidth) {
    super(VERSION);
    this.factor = factor;
    this.width = learnedWidth > 0 ? learnedWidth : 1;
    this.linear =
        learnedWidth > 0
            ? addChildBlock("linear", Linear.builder().setUnits(learnedWidth).build())
            : null;
  }

  /** The value itself as one column. */
  public static ScalarEmbedding identity() {
    return new ScalarEmbedding(1, 0);
  }

  /** {@code v·scale/size} as one column (tiny-diffusion's "linear"). */
  public static ScalarEmbedding linear(int size, float scale) {
    return new ScalarEmbedding(scale / size, 0);
  }

  /** A trained {@code Linear(1 → size)} on {@code v/size} (tiny-diffusion's "learnable"). */
  public static ScalarEmbedding learnable(int size) {
    return new ScalarEmbedding(1f / size, size);
  }

  /** Output width. */
  public int width() {
    return width;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList column = new NDList(inputs.singletonOrThrow().mul(factor).expandDims(1));
    return linear == null ? column : linear.forward(ps, column, training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    if (linear != null) {
      linear.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 1));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    String scaled = graph.node("Mul", inputs[0], graph.scalar("embedding_factor", factor));
    String column = graph.node("Unsqueeze", scaled, graph.longConstant("axes", new long[] {-1}, 1));
    return linear == null ? column : lowering.lower(linear, column);
  }
}
