package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * The denoising MLP: each coordinate of x and the time input get their own embedding, the
 * embeddings are concatenated and fed through the hidden stack and a final {@code Linear(D)}.
 * {@code resmlp} is tiny-diffusion's {@code Linear → act → depth × (x + act(Linear(x)))}; {@code
 * mlp} is a plain {@code depth × (Linear → act)}. Forward takes (x [N, D], t [N]) and, for a
 * class-conditional network, label int64 [N], whose {@link ClassEmbedding} joins the concatenation.
 */
public final class DenoiserMlp extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  private final int dimension;
  private final Block[] coordinateEmbeddings;
  private final Block timeEmbedding;
  private final ClassEmbedding classEmbedding;
  private final SequentialBlock joint;

  /** The network described by {@code config}. */
  public DenoiserMlp(NetworkConfig config) {
    super(VERSION);
    config.validate();
    this.dimension = config.dimension();
    coordinateEmbeddings = new Block[dimension];
    for (int j = 0; j < dimension; j++) {
      coordinateEmbeddings[j] =
          addChildBlock("input_embedding_" + j, config.newCoordinateEmbedding());
    }
    Block time = config.newTimeEmbedding();
    timeEmbedding = time == null ? null : addChildBlock("time_embedding", time);
    classEmbedding =
        config.numClasses() > 0
            ? addChildBlock(
                "class_embedding", new ClassEmbedding(config.numClasses(), config.embeddingSize()))
            : null;
    SequentialBlock seq = new SequentialBlock();
    if (config.arch().equals("resmlp")) {
      seq.add(Linear.builder().setUnits(config.width()).build());
      seq.add(config.newActivation());
      for (int i = 0; i < config.depth(); i++) {
        seq.add(new HiddenBlock(config.width(), config, true));
      }
    } else {
      for (int i = 0; i < config.depth(); i++) {
        seq.add(new HiddenBlock(config.width(), config, false));
      }
    }
    seq.add(Linear.builder().setUnits(dimension).build());
    joint = addChildBlock("joint", seq);
  }

  private static long width(Block embedding) {
    return embedding.getOutputShapes(new Shape[] {new Shape(1)})[0].get(1);
  }

  private long concatWidth() {
    long total = timeEmbedding == null ? 0 : width(timeEmbedding);
    total += classEmbedding == null ? 0 : width(classEmbedding);
    for (Block e : coordinateEmbeddings) {
      total += width(e);
    }
    return total;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDList parts = new NDList(dimension + 1);
    for (int j = 0; j < dimension; j++) {
      parts.add(
          coordinateEmbeddings[j]
              .forward(parameterStore, new NDList(x.get(":, " + j)), training)
              .head());
    }
    if (timeEmbedding != null) {
      parts.add(timeEmbedding.forward(parameterStore, new NDList(inputs.get(1)), training).head());
    }
    if (classEmbedding != null) {
      parts.add(classEmbedding.forward(parameterStore, new NDList(inputs.get(2)), training).head());
    }
    return joint.forward(parameterStore, new NDList(NDArrays.concat(parts, 1)), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape column = new Shape(inputShapes[0].get(0));
    for (Block e : coordinateEmbeddings) {
      e.initialize(manager, dataType, column);
    }
    if (timeEmbedding != null) {
      timeEmbedding.initialize(manager, dataType, column);
    }
    if (classEmbedding != null) {
      classEmbedding.initialize(manager, dataType, column);
    }
    joint.initialize(manager, dataType, new Shape(inputShapes[0].get(0), concatWidth()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), dimension)};
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (int j = 0; j < dimension; j++) {
      String column =
          graph.node(
              "Gather",
              new String[] {inputs[0], graph.longConstant("column", new long[] {j})},
              OnnxGraph.intAttribute("axis", 1));
      parts.add(lowering.lower(coordinateEmbeddings[j], column));
    }
    if (timeEmbedding != null) {
      parts.add(lowering.lower(timeEmbedding, inputs[1]));
    }
    if (classEmbedding != null) {
      parts.add(lowering.lower(classEmbedding, inputs[2]));
    }
    String features =
        graph.node("Concat", parts.toArray(new String[0]), OnnxGraph.intAttribute("axis", 1));
    return lowering.lower(joint, features);
  }
}
