package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * One hidden layer at constant width: {@code Linear → [BatchNorm] → activation → [Dropout]}, plus
 * the input when residual — tiny-diffusion's block ({@code x + GELU(Linear(x))}) by default, the
 * Two Moons Diffusion notebook's ResidualNoisePredictor block with BatchNorm and Dropout on. At
 * export BatchNorm is folded into the Linear and Dropout disappears.
 */
public final class HiddenBlock extends AbstractBlock implements OnnxLowerable {
  /** BatchNorm's ε, fixed here because DJL's BatchNorm does not expose it. */
  static final float BATCH_NORM_EPSILON = 1e-5f;

  private static final byte VERSION = 1;

  private final Block linear;
  private final Block batchNorm;
  private final Block activation;
  private final Block dropout;
  private final boolean residual;

  /** A block of {@code width} units with the config's activation, BatchNorm and dropout. */
  public HiddenBlock(int width, NetworkConfig config, boolean residual) {
    super(VERSION);
    this.residual = residual;
    linear = addChildBlock("linear", Linear.builder().setUnits(width).build());
    batchNorm =
        config.batchNorm()
            ? addChildBlock(
                "batch_norm", BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build())
            : null;
    activation = addChildBlock("activation", config.newActivation());
    dropout =
        config.dropout() > 0
            ? addChildBlock("dropout", Dropout.builder().optRate((float) config.dropout()).build())
            : null;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList h = linear.forward(ps, inputs, training);
    if (batchNorm != null) {
      h = batchNorm.forward(ps, h, training);
    }
    h = activation.forward(ps, h, training);
    if (dropout != null) {
      h = dropout.forward(ps, h, training);
    }
    return residual ? new NDList(inputs.singletonOrThrow().add(h.singletonOrThrow())) : h;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    linear.initialize(manager, dataType, inputShapes);
    Shape hidden = linear.getOutputShapes(inputShapes)[0];
    if (batchNorm != null) {
      batchNorm.initialize(manager, dataType, hidden);
    }
    activation.initialize(manager, dataType, hidden);
    if (dropout != null) {
      dropout.initialize(manager, dataType, hidden);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return linear.getOutputShapes(inputShapes);
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    String h =
        batchNorm == null
            ? lowering.lower(linear, inputs[0])
            : lowering.linearWithBatchNorm(linear, batchNorm, BATCH_NORM_EPSILON, inputs[0]);
    h = lowering.lower(activation, h);
    return residual ? graph.node("Add", inputs[0], h) : h;
  }
}
