package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * tiny-diffusion's denoising MLP: each coordinate of x and the time input get their own sinusoidal
 * embedding, the embeddings are concatenated and fed through {@code Linear → GELU →
 * depth × ResidualBlock → Linear(D)}. Forward takes (x [N, D], t [N]) and returns [N, D].
 */
public final class DenoiserMlp extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  private final int dimension;
  private final SinusoidalEmbedding[] coordinateEmbeddings;
  private final SinusoidalEmbedding timeEmbedding;
  private final SequentialBlock joint;

  /** The network's shape; see {@link NetworkConfig} for the defaults. */
  public DenoiserMlp(NetworkConfig config) {
    super(VERSION);
    this.dimension = config.dimension();
    coordinateEmbeddings = new SinusoidalEmbedding[dimension];
    for (int j = 0; j < dimension; j++) {
      coordinateEmbeddings[j] =
          addChildBlock("input_embedding_" + j, new SinusoidalEmbedding(config.embeddingSize(), config.inputScale()));
    }
    timeEmbedding = addChildBlock("time_embedding", new SinusoidalEmbedding(config.embeddingSize(), 1f));
    SequentialBlock seq = new SequentialBlock();
    seq.add(Linear.builder().setUnits(config.width()).build());
    seq.add(Activation.geluBlock());
    for (int i = 0; i < config.depth(); i++) {
      seq.add(new ResidualBlock(config.width()));
    }
    seq.add(Linear.builder().setUnits(dimension).build());
    joint = addChildBlock("joint", seq);
  }

  private int concatWidth() {
    return (dimension + 1) * timeEmbedding.size();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray t = inputs.get(1);
    NDList parts = new NDList(dimension + 1);
    for (int j = 0; j < dimension; j++) {
      parts.add(coordinateEmbeddings[j].forward(parameterStore, new NDList(x.get(":, " + j)), training).head());
    }
    parts.add(timeEmbedding.forward(parameterStore, new NDList(t), training).head());
    return joint.forward(parameterStore, new NDList(NDArrays.concat(parts, 1)), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    joint.initialize(manager, dataType, new Shape(inputShapes[0].get(0), concatWidth()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), dimension)};
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    String[] parts = new String[dimension + 1];
    for (int j = 0; j < dimension; j++) {
      String column = graph.node(
          "Gather",
          new String[] {inputs[0], graph.longConstant("column", new long[] {j})},
          OnnxGraph.intAttribute("axis", 1));
      parts[j] = lowering.lower(coordinateEmbeddings[j], column);
    }
    parts[dimension] = lowering.lower(timeEmbedding, inputs[1]);
    String features = graph.node("Concat", parts, OnnxGraph.intAttribute("axis", 1));
    return lowering.lower(joint, features);
  }
}
