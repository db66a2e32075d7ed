package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * SiLU, {@code x·sigmoid(x)}: DJL's Swish lambda hides its β from the exporter, so the toolkit owns
 * it.
 */
public final class Silu extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  /** The activation. */
  public Silu() {
    super(VERSION);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(x.mul(Activation.sigmoid(x)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    return graph.node("Mul", inputs[0], graph.node("Sigmoid", inputs[0]));
  }
}
