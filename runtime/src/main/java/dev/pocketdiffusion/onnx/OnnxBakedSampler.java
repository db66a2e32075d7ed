package dev.pocketdiffusion.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.CardView;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.io.InputFiles;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A baked sampler: an {@code .onnx} file made by {@code trainer bake} that holds a whole
 * deterministic sampler, network included, so one ONNX Runtime call turns starting draws into
 * samples. Inputs {@code noise} float [N, D] (draws from the model's base, see {@code
 * Sampling.generate(Denoiser, Sampler, Points, long, StepListener)}) and, for class-conditional
 * models, {@code label} int64 [N] and {@code guidance} float [1]; output {@code samples} float [N,
 * D]. Use it with try-with-resources:
 *
 * <pre>{@code
 * try (OnnxBakedSampler baked = OnnxBakedSampler.load(new File("moons-ddim-50.onnx"))) {
 *   Points samples = baked.sample(startingDraws);
 * }
 * }</pre>
 */
public final class OnnxBakedSampler implements AutoCloseable {
  /** Name of the starting-draw input. */
  public static final String INPUT_NOISE = "noise";

  /** Name of the class-label input of a conditional baked model. */
  public static final String INPUT_LABEL = "label";

  /** Name of the guidance-scale input (float [1]) of a conditional baked model. */
  public static final String INPUT_GUIDANCE = "guidance";

  /** Name of the output. */
  public static final String OUTPUT = "samples";

  private final OrtSession session;
  private final String source;
  private final ModelCard card;

  private OnnxBakedSampler(OrtSession session, String source, ModelCard card) {
    this.session = session;
    this.source = source;
    this.card = card;
    checkSignature();
  }

  /** Loads a baked model with default options. */
  public static OnnxBakedSampler load(File model) {
    return builder().setModel(model).build();
  }

  /** A builder: {@code setModel} or {@code setModelBytes} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * True if {@code model} holds a baked sampler's card; reads the file's metadata without starting
   * ONNX Runtime.
   *
   * @throws InvalidInputException if the file cannot be read or is not ONNX
   */
  public static boolean isBaked(File model) {
    String name = model.toString();
    Map<String, String> metadata =
        ModelGraph.read(InputFiles.readAll(model, "model file", GraphCheck.MAX_MODEL_BYTES), name)
            .metadata;
    return metadata.containsKey(ModelCard.METADATA_KEY)
        && ModelCard.fromMetadata(metadata, name).isBaked();
  }

  /** The card: the source model's fields plus {@code baked}, {@code sampler}, {@code steps}. */
  public ModelCard card() {
    return card;
  }

  /** Number of coordinates per point. */
  public int dimension() {
    return card.dimension();
  }

  /** Number of classes; 0 for an unconditional model. */
  public int numClasses() {
    return card.numClasses();
  }

  /**
   * {@code n} starting draws made as {@code Sampling.generate(model, sampler, n, seed)} makes them
   * for the source model, so {@code sample(draws(n, seed))} matches that run to float precision.
   */
  public Points draws(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be at least 1, got " + n);
    }
    return new Points(n, dimension(), Sampling.drawStart(new CardView(card), n, new Random(seed)));
  }

  /** Samples from the starting draws {@code start}; a conditional model samples unconditionally. */
  public Points sample(Points start) {
    if (numClasses() == 0) {
      return run(start, null, 1);
    }
    long[] labels = new long[start.size()];
    Arrays.fill(labels, numClasses());
    return run(start, labels, 1);
  }

  /**
   * Samples class {@code label} of a conditional model with guidance scale {@code guidance} (1:
   * plain conditional).
   *
   * @throws IllegalArgumentException for an unconditional model, a label out of range or a negative
   *     guidance
   */
  public Points sample(Points start, int label, double guidance) {
    Guidance.check(numClasses(), label, guidance);
    long[] labels = new long[start.size()];
    Arrays.fill(labels, label);
    return run(start, labels, guidance);
  }

  private Points run(Points start, long[] labels, double guidance) {
    int n = start.size();
    int dim = dimension();
    if (start.dimension() != dim) {
      throw new IllegalArgumentException(
          "the starting draw has "
              + start.dimension()
              + " coordinates per point but the model has "
              + dim);
    }
    if (n < 1) {
      throw new IllegalArgumentException("the starting draw has no points");
    }
    float[] noise = new float[n * dim];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) start.data()[i];
    }
    OrtEnvironment env = OnnxNetwork.environment();
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put(
          INPUT_NOISE, OnnxTensor.createTensor(env, FloatBuffer.wrap(noise), new long[] {n, dim}));
      if (labels != null) {
        inputs.put(
            INPUT_LABEL, OnnxTensor.createTensor(env, LongBuffer.wrap(labels), new long[] {n}));
        inputs.put(
            INPUT_GUIDANCE,
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(new float[] {(float) guidance}), new long[] {1}));
      }
      float[] out;
      synchronized (this) {
        try (OrtSession.Result result = session.run(inputs)) {
          out = new float[n * dim];
          ((OnnxTensor) result.get(0)).getFloatBuffer().get(out);
        }
      }
      double[] samples = new double[n * dim];
      for (int i = 0; i < samples.length; i++) {
        if (!Float.isFinite(out[i])) {
          throw new InvalidInputException(
              source + ": the baked sampler output " + out[i] + " for point " + i / dim);
        }
        samples[i] = out[i];
      }
      return new Points(n, dim, samples);
    } catch (OrtException e) {
      throw new InvalidInputException(
          source + ": the baked sampler failed on " + n + " points (" + e.getMessage() + ")", e);
    } finally {
      for (OnnxTensor t : inputs.values()) {
        t.close();
      }
    }
  }

  private void checkSignature() {
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      boolean labelled = numClasses() > 0;
      boolean ok =
          inputs.size() == (labelled ? 3 : 1)
              && isTensor(inputs.get(INPUT_NOISE), OnnxJavaType.FLOAT, 2)
              && (!labelled
                  || (isTensor(inputs.get(INPUT_LABEL), OnnxJavaType.INT64, 1)
                      && isTensor(inputs.get(INPUT_GUIDANCE), OnnxJavaType.FLOAT, 1)));
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      ok &= outputs.size() == 1 && isTensor(outputs.get(OUTPUT), OnnxJavaType.FLOAT, 2);
      if (!ok) {
        throw new InvalidInputException(
            source
                + ": a baked model needs inputs noise float [N, D]"
                + (labelled ? ", label int64 [N] and guidance float [1]" : "")
                + " and one output samples float [N, D], got inputs "
                + inputs.keySet()
                + " and outputs "
                + outputs.keySet());
      }
      long[] shape = ((TensorInfo) inputs.get(INPUT_NOISE).getInfo()).getShape();
      if (shape[1] != dimension()) {
        throw new InvalidInputException(
            source
                + ": model card says dimension "
                + dimension()
                + " but input noise has "
                + shape[1]);
      }
    } catch (OrtException e) {
      throw new InvalidInputException(
          source + ": cannot read model inputs (" + e.getMessage() + ")", e);
    }
  }

  private static boolean isTensor(NodeInfo node, OnnxJavaType type, int rank) {
    return node != null
        && node.getInfo() instanceof TensorInfo
        && ((TensorInfo) node.getInfo()).type == type
        && ((TensorInfo) node.getInfo()).getShape().length == rank;
  }

  @Override
  public synchronized void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(source + ": closing the session failed", e);
    }
  }

  /** Builds an {@link OnnxBakedSampler}; see {@link OnnxModelBuilder} for the options. */
  public static final class Builder extends OnnxModelBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Checks and loads the model.
     *
     * @throws InvalidInputException if the file is missing or not ONNX, the graph is refused by
     *     {@link GraphCheck}, its card is missing or not a baked sampler's, or the execution
     *     provider is not in this ONNX Runtime build
     */
    public OnnxBakedSampler build() {
      byte[] data = checkedBytes();
      String name = source();
      ModelCard card = ModelCard.fromMetadata(ModelGraph.read(data, name).metadata, name);
      if (!card.isBaked()) {
        throw new InvalidInputException(
            name + ": not a baked sampler (its card has no baked: true); load it as a denoiser");
      }
      OrtSession session = OnnxNetwork.session(data, name, intraOpThreads(), provider());
      try {
        return new OnnxBakedSampler(session, name, card);
      } catch (RuntimeException e) {
        try {
          session.close();
        } catch (OrtException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }
}
