package dev.pocketdiffusion.bench;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Random;

/**
 * The machine's practical matrix-multiply peak as ONNX Runtime reaches it: one {@code MatMul} graph
 * Y[n, n] = A[n, n] · B[n, n] with B a constant initializer (so ORT pre-packs it, as it does the
 * model's weights), run in a session with the given intra-op threads. 2·n³ FLOPs per call.
 */
public final class GemmPeak implements AutoCloseable {
  private final int n;
  private final OrtEnvironment env = OnnxNetwork.environment();
  private final OrtSession session;
  private final OnnxTensor input;

  public GemmPeak(int n, int threads) throws OrtException {
    this.n = n;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      session = env.createSession(model(n).toByteArray(), options);
    }
    float[] a = randomFloats(n * n, 1);
    input = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), new long[] {n, n});
  }

  /** The MatMul model: input A float [n, n], initializer B float [n, n], output Y. */
  static OnnxMl.ModelProto model(int n) {
    OnnxMl.TensorProto.Builder b =
        OnnxMl.TensorProto.newBuilder()
            .setName("B")
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .addDims(n)
            .addDims(n);
    for (float v : randomFloats(n * n, 2)) {
      b.addFloatData(v);
    }
    OnnxMl.GraphProto graph =
        OnnxMl.GraphProto.newBuilder()
            .setName("gemm_peak")
            .addNode(
                OnnxMl.NodeProto.newBuilder()
                    .setOpType("MatMul")
                    .setName("matmul")
                    .addInput("A")
                    .addInput("B")
                    .addOutput("Y"))
            .addInitializer(b)
            .addInput(matrix("A", n))
            .addOutput(matrix("Y", n))
            .build();
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setGraph(graph)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .build();
  }

  private static OnnxMl.ValueInfoProto matrix(String name, int n) {
    OnnxMl.TensorShapeProto shape =
        OnnxMl.TensorShapeProto.newBuilder()
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(n))
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(n))
            .build();
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }

  private static float[] randomFloats(int count, long seed) {
    Random rng = new Random(seed);
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  /** FLOPs of one call. */
  public double flopsPerCall() {
    return 2.0 * n * n * n;
  }

  /** Seconds of one call. */
  public double timeCall() throws OrtException {
    long start = System.nanoTime();
    try (OrtSession.Result ignored = session.run(Collections.singletonMap("A", input))) {
      return (System.nanoTime() - start) / 1e9;
    }
  }

  @Override
  public void close() throws OrtException {
    input.close();
    session.close();
  }
}
