package dev.pocketdiffusion.onnx;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.io.InputFiles;
import java.io.File;

/**
 * What every loader of an {@code .onnx} file takes, in DJL's builder style: the model (a file or
 * bytes, required), ONNX Runtime's intra-op threads, the execution provider and whether operators
 * the exporter never emits may run. {@link OnnxDenoiser.Builder} and {@link
 * OnnxBakedSampler.Builder} extend it.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class OnnxModelBuilder<B extends OnnxModelBuilder<B>> {
  private File model;
  private byte[] bytes;
  private String source;
  private int intraOpThreads = 1;
  private ExecutionProvider provider = ExecutionProvider.CPU;
  private boolean allowAnyOperator;

  OnnxModelBuilder() {}

  /** This builder, typed as the subclass. */
  abstract B self();

  /** The {@code .onnx} file to load (required, or {@link #setModelBytes}). */
  public B setModel(File model) {
    this.model = model;
    return self();
  }

  /** The model as bytes, e.g. read from an Android asset; {@code source} names it in errors. */
  public B setModelBytes(byte[] bytes, String source) {
    this.bytes = bytes;
    this.source = source;
    return self();
  }

  /** ONNX Runtime intra-op threads (default 1, the fastest for batches up to a few thousand). */
  public B optIntraOpThreads(int threads) {
    this.intraOpThreads = threads;
    return self();
  }

  /** Where ONNX Runtime runs the network (default {@link ExecutionProvider#CPU}). */
  public B optExecutionProvider(ExecutionProvider provider) {
    this.provider = provider;
    return self();
  }

  /**
   * Also runs a graph with operators the exporter never emits (default false: such a model is
   * refused before ONNX Runtime sees it, see {@link GraphCheck}). Only for models one trusts.
   */
  public B optAllowAnyOperator(boolean allow) {
    this.allowAnyOperator = allow;
    return self();
  }

  /** The name errors use: the file's path, or the source given with the bytes. */
  final String source() {
    requireModel();
    return model != null ? model.toString() : source;
  }

  /**
   * The model's bytes, read within {@link GraphCheck#MAX_MODEL_BYTES} and passed through {@link
   * GraphCheck}.
   *
   * @throws InvalidInputException if the file is missing, too large, or its graph is refused
   */
  final byte[] checkedBytes() {
    requireModel();
    byte[] data =
        model != null ? InputFiles.readAll(model, "model file", GraphCheck.MAX_MODEL_BYTES) : bytes;
    GraphCheck.check(data, source(), allowAnyOperator);
    return data;
  }

  final int intraOpThreads() {
    return intraOpThreads;
  }

  final ExecutionProvider provider() {
    return provider;
  }

  private void requireModel() {
    if (model == null && bytes == null) {
      throw new IllegalStateException("setModel or setModelBytes is required");
    }
  }
}
