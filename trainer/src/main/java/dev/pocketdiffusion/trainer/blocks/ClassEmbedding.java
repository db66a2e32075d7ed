package dev.pocketdiffusion.trainer.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.pocketdiffusion.exporter.BlockLowering;
import dev.pocketdiffusion.exporter.OnnxGraph;
import dev.pocketdiffusion.exporter.OnnxLowerable;

/**
 * A trained table of (classes + 1) rows of {@code size} values: label k, int64 [N], becomes row k,
 * [N, size]; row {@code classes} is the null label that label dropout trains for classifier-free
 * guidance. Exported as ONNX {@code Gather}; labels are validated in Java before they reach it.
 */
public final class ClassEmbedding extends AbstractBlock implements OnnxLowerable {
  private static final byte VERSION = 1;

  private final int rows;
  private final int size;
  private final Parameter table;

  /** A table for {@code classes} classes plus the null label. */
  public ClassEmbedding(int classes, int size) {
    super(VERSION);
    this.rows = classes + 1;
    this.size = size;
    table =
        addParameter(
            Parameter.builder()
                .setName("table")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, size))
                .optInitializer(new NormalInitializer(1f))
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray labels = inputs.singletonOrThrow();
    NDArray weights = ps.getValue(table, labels.getDevice(), training);
    return new NDList(labels.oneHot(rows).matMul(weights));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), size)};
  }

  @Override
  public String lower(OnnxGraph graph, BlockLowering lowering, String... inputs) {
    String values = graph.constant("class_table", table.getArray().toFloatArray(), rows, size);
    return graph.node(
        "Gather", new String[] {values, inputs[0]}, OnnxGraph.intAttribute("axis", 0));
  }
}
