package dev.pocketdiffusion.exporter;

/**
 * A block that knows how to write itself into an ONNX graph. The toolkit's own blocks (embeddings,
 * residual blocks, whole networks) implement it; the exporter refuses any block it cannot lower.
 */
public interface OnnxLowerable {

  /**
   * Adds this block's computation to {@code graph}.
   *
   * @param lowering lowers child blocks
   * @param inputs names of the block's input values, in {@code forward} order
   * @return the name of the block's output value
   */
  String lower(OnnxGraph graph, BlockLowering lowering, String... inputs);
}
