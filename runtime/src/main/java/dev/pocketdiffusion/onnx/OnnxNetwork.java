package dev.pocketdiffusion.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.io.InputFiles;
import java.io.File;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ONNX Runtime session over a network with inputs {@code x} float [N, D], {@code t} float [N]
 * and, for class-conditional models, {@code label} int64 [N], and one float [N, D] output. Inputs
 * and the output live in native-order direct buffers that are created once per batch size and
 * pinned, so a sampling loop copies only its own arrays. {@link #forward} is synchronized: one
 * session serves many threads, one call at a time.
 */
public final class OnnxNetwork implements AutoCloseable {
  /** Name of the point input. */
  public static final String INPUT_X = "x";

  /** Name of the time input. */
  public static final String INPUT_T = "t";

  /** Name of the optional class-label input, int64 [N]. */
  public static final String INPUT_LABEL = "label";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String source;
  private final String outputName;
  private final int dimension;
  private final boolean labelled;
  private IoBuffers io;

  private OnnxNetwork(OrtSession session, String source, OrtEnvironment env) {
    this.env = env;
    this.session = session;
    this.source = source;
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      this.labelled = inputs.containsKey(INPUT_LABEL);
      int expected = labelled ? 3 : 2;
      if (inputs.containsKey(OnnxBakedSampler.INPUT_NOISE) && !inputs.containsKey(INPUT_X)) {
        throw new InvalidInputException(
            source
                + ": this is a baked sampler (trainer bake), a whole sampler in one graph; run it"
                + " with runtime sample or OnnxBakedSampler, or use the model it was baked from");
      }
      if (!inputs.containsKey(INPUT_X)
          || !inputs.containsKey(INPUT_T)
          || inputs.size() != expected) {
        throw new InvalidInputException(
            source
                + ": model inputs are "
                + inputs.keySet()
                + ", expected x float [N, D], t float [N] and, for a class-conditional model, label int64 [N]");
      }
      long[] xShape = tensorShape(inputs.get(INPUT_X), OnnxJavaType.FLOAT, "float [N, D]");
      if (xShape.length != 2 || xShape[1] <= 0) {
        throw new InvalidInputException(
            source
                + ": input x has shape "
                + Arrays.toString(xShape)
                + ", expected [N, D] with a fixed D");
      }
      this.dimension = (int) xShape[1];
      checkVector(inputs.get(INPUT_T), OnnxJavaType.FLOAT, "float [N]");
      if (labelled) {
        checkVector(inputs.get(INPUT_LABEL), OnnxJavaType.INT64, "int64 [N]");
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      if (outputs.size() != 1) {
        throw new InvalidInputException(
            source + ": model has outputs " + outputs.keySet() + ", expected one float [N, D]");
      }
      NodeInfo output = outputs.values().iterator().next();
      long[] outShape = tensorShape(output, OnnxJavaType.FLOAT, "float [N, " + dimension + "]");
      if (outShape.length != 2 || outShape[1] != dimension) {
        throw new InvalidInputException(
            source
                + ": output "
                + output.getName()
                + " has shape "
                + Arrays.toString(outShape)
                + ", expected [N, "
                + dimension
                + "] like input x");
      }
      this.outputName = output.getName();
    } catch (OrtException e) {
      throw new InvalidInputException(
          source + ": cannot read model inputs (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The shape of a tensor input or output of element type {@code type}; {@code expected} describes
   * it in errors.
   */
  private long[] tensorShape(NodeInfo node, OnnxJavaType type, String expected) {
    if (!(node.getInfo() instanceof TensorInfo) || ((TensorInfo) node.getInfo()).type != type) {
      throw new InvalidInputException(
          source
              + ": "
              + node.getName()
              + " is "
              + node.getInfo()
              + ", expected a tensor "
              + expected);
    }
    return ((TensorInfo) node.getInfo()).getShape();
  }

  /** Checks that an input is a rank-1 tensor [N] of element type {@code type}. */
  private void checkVector(NodeInfo node, OnnxJavaType type, String expected) {
    long[] shape = tensorShape(node, type, expected);
    if (shape.length != 1) {
      throw new InvalidInputException(
          source
              + ": input "
              + node.getName()
              + " has shape "
              + Arrays.toString(shape)
              + ", expected "
              + expected);
    }
  }

  /**
   * Opens a session on an ONNX file whose graph uses only the operators the exporter emits.
   *
   * @param intraOpThreads ONNX Runtime intra-op threads; 1 is fastest for small batches
   * @throws InvalidInputException if the file is missing, not a regular file, not a loadable ONNX
   *     model, or its graph fails {@link GraphCheck}
   */
  public static OnnxNetwork open(File file, int intraOpThreads) {
    return open(file, intraOpThreads, false);
  }

  /**
   * As {@link #open(File, int)}; {@code allowAnyOperator} also runs operators the exporter never
   * emits (see {@link GraphCheck#check}).
   */
  public static OnnxNetwork open(File file, int intraOpThreads, boolean allowAnyOperator) {
    return open(
        file, null, file.toString(), intraOpThreads, ExecutionProvider.CPU, allowAnyOperator);
  }

  /** Opens a session on ONNX bytes (e.g. an Android asset); {@code source} names them in errors. */
  public static OnnxNetwork open(byte[] model, String source, int intraOpThreads) {
    return open(null, model, source, intraOpThreads, ExecutionProvider.CPU, false);
  }

  /**
   * Opens a session on an ONNX file or, if {@code file} is null, on {@code bytes}, run by {@code
   * provider} (XNNPACK gets the {@code intraOpThreads}; ONNX Runtime's own pool then keeps 1). The
   * bytes pass {@link GraphCheck} before ONNX Runtime sees them.
   *
   * @throws InvalidInputException if the model is missing or not loadable, its graph is refused, or
   *     the provider is not in this ONNX Runtime build
   */
  static OnnxNetwork open(
      File file,
      byte[] bytes,
      String source,
      int intraOpThreads,
      ExecutionProvider provider,
      boolean allowAnyOperator) {
    if (intraOpThreads < 1) {
      throw new InvalidInputException("intra-op threads must be at least 1, got " + intraOpThreads);
    }
    byte[] model =
        file != null ? InputFiles.readAll(file, "model file", GraphCheck.MAX_MODEL_BYTES) : bytes;
    GraphCheck.check(model, source, allowAnyOperator);
    return openChecked(model, source, intraOpThreads, provider);
  }

  /** Opens a session on bytes that already passed {@link GraphCheck}. */
  static OnnxNetwork openChecked(
      byte[] model, String source, int intraOpThreads, ExecutionProvider provider) {
    OrtSession session = session(model, source, intraOpThreads, provider);
    try {
      return new OnnxNetwork(session, source, environment());
    } catch (RuntimeException e) {
      try {
        session.close();
      } catch (OrtException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * An ONNX Runtime session on checked model bytes with this runtime's options (FATAL-only log, no
   * spinning, {@code intraOpThreads} for ORT or for XNNPACK).
   *
   * @throws InvalidInputException if ORT cannot load the model or lacks the provider
   */
  static OrtSession session(
      byte[] model, String source, int intraOpThreads, ExecutionProvider provider) {
    if (intraOpThreads < 1) {
      throw new InvalidInputException("intra-op threads must be at least 1, got " + intraOpThreads);
    }
    OrtEnvironment env = environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
      options.setIntraOpNumThreads(provider == ExecutionProvider.XNNPACK ? 1 : intraOpThreads);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      provider.addTo(options, intraOpThreads);
      return env.createSession(model, options);
    } catch (OrtException e) {
      throw new InvalidInputException(
          source + ": not a loadable ONNX model (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  /**
   * The process's ONNX Runtime environment, logging FATAL messages only: every error reaches the
   * caller as an exception, never as ORT's own coloured log line. Anything else that opens ORT
   * sessions in this process should take the environment from here (asking ORT for one at another
   * level prints a warning).
   */
  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  /** The file or resource this network was loaded from. */
  public String source() {
    return source;
  }

  /** Number of coordinates per point (the fixed D of input x). */
  public int dimension() {
    return dimension;
  }

  /** True if the network takes a class label. */
  public boolean isLabelled() {
    return labelled;
  }

  /** The model's custom metadata ({@code metadata_props}). */
  public Map<String, String> metadata() {
    try {
      return new HashMap<>(session.getMetadata().getCustomMetadata());
    } catch (OrtException e) {
      throw new InvalidInputException(
          source + ": cannot read model metadata (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Runs the network on {@code n} points: {@code x} is n × D row-major, {@code t} the n raw time
   * inputs; the n × D outputs are written into {@code out}.
   */
  public void forward(float[] x, float[] t, int n, float[] out) {
    forward(x, t, null, n, out);
  }

  /**
   * As {@link #forward(float[], float[], int, float[])} with one class label per point; labels are
   * required by a labelled network and refused by any other.
   */
  public synchronized void forward(float[] x, float[] t, long[] labels, int n, float[] out) {
    if ((labels != null) != labelled) {
      throw new IllegalArgumentException(
          source
              + (labelled
                  ? ": this model needs a class label per point"
                  : ": this model takes no class label"));
    }
    if (io == null || io.batch != n) {
      if (io != null) {
        io.close();
      }
      io = new IoBuffers(n);
    }
    // clear() through Buffer: FloatBuffer.clear() returning FloatBuffer is Java 9+, absent on
    // Android 26
    ((Buffer) io.x).clear();
    io.x.put(x, 0, n * dimension);
    ((Buffer) io.t).clear();
    io.t.put(t, 0, n);
    if (labelled) {
      ((Buffer) io.label).clear();
      io.label.put(labels, 0, n);
    }
    try (OrtSession.Result ignored = session.run(io.inputs, io.outputs)) {
      ((Buffer) io.out).clear();
      io.out.get(out, 0, n * dimension);
    } catch (OrtException e) {
      throw runFailure(e, n);
    }
  }

  /**
   * A failed run as one line: the output's actual shape where ORT reports it (a graph whose output
   * is not [n, D] after all), else ORT's first line.
   */
  private InvalidInputException runFailure(OrtException e, int n) {
    String message = String.valueOf(e.getMessage());
    Matcher shape = COMPUTED_SHAPE.matcher(message);
    if (shape.find()) {
      return new InvalidInputException(
          source
              + ": the network's output has shape ["
              + shape.group(1).replace(",", ", ")
              + "] for "
              + n
              + " points, expected ["
              + n
              + ", "
              + dimension
              + "]",
          e);
    }
    return new InvalidInputException(
        source + ": the network failed on " + n + " points (" + firstLine(message) + ")", e);
  }

  private static final Pattern COMPUTED_SHAPE =
      Pattern.compile("computed output shape for this run is \\{([0-9,]*)\\}");

  @Override
  public synchronized void close() {
    if (io != null) {
      io.close();
      io = null;
    }
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(source + ": closing the session failed", e);
    }
  }

  /** Pinned input and output tensors for one batch size. */
  private final class IoBuffers implements AutoCloseable {
    final int batch;
    final FloatBuffer x;
    final FloatBuffer t;
    final FloatBuffer out;
    final LongBuffer label;
    final Map<String, OnnxTensor> inputs = new HashMap<>();
    final Map<String, OnnxTensor> outputs = new HashMap<>();

    IoBuffers(int batch) {
      this.batch = batch;
      x = directFloats(batch * dimension);
      t = directFloats(batch);
      out = directFloats(batch * dimension);
      label =
          ByteBuffer.allocateDirect(batch * Long.BYTES)
              .order(ByteOrder.nativeOrder())
              .asLongBuffer();
      try {
        if (labelled) {
          inputs.put(INPUT_LABEL, OnnxTensor.createTensor(env, label, new long[] {batch}));
        }
        inputs.put(INPUT_X, OnnxTensor.createTensor(env, x, new long[] {batch, dimension}));
        inputs.put(INPUT_T, OnnxTensor.createTensor(env, t, new long[] {batch}));
        outputs.put(outputName, OnnxTensor.createTensor(env, out, new long[] {batch, dimension}));
      } catch (OrtException e) {
        close();
        throw new IllegalStateException("cannot create input tensors", e);
      }
    }

    private FloatBuffer directFloats(int count) {
      return ByteBuffer.allocateDirect(count * Float.BYTES)
          .order(ByteOrder.nativeOrder())
          .asFloatBuffer();
    }

    @Override
    public void close() {
      for (OnnxTensor tensor : inputs.values()) {
        tensor.close();
      }
      for (OnnxTensor tensor : outputs.values()) {
        tensor.close();
      }
    }
  }
}
