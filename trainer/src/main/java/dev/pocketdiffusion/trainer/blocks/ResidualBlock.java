package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/** {@code x + GELU(Linear(x))} at constant width: tiny-diffusion's residual block. */
public final class ResidualBlock extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  private final Block linear;
  private final Block activation;

  /** A block of the given width. */
  public ResidualBlock(int width) {
    super(VERSION);
    linear = addChildBlock("linear", Linear.builder().setUnits(width).build());
    activation = addChildBlock("activation", Activation.geluBlock());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList h = activation.forward(parameterStore, linear.forward(parameterStore, inputs, training), training);
    return new NDList(inputs.singletonOrThrow().add(h.singletonOrThrow()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    linear.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    String h = lowering.lower(activation, lowering.lower(linear, inputs[0]));
    return graph.node("Add", inputs[0], h);
  }
}
