package dev.pocketdiffusion.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Large requests go to ONNX Runtime in chunks and come back as one unchunked call would. */
class OnnxDenoiserChunkingTest {
  private static final File MODEL = new File("../models/moons.onnx");

  /** Denoiser output for n random inputs, beside one unchunked network call on the same inputs. */
  private static double[][] both(int n) {
    Random rng = new Random(n);
    double[] x = new double[2 * n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = 2 * rng.nextGaussian();
      x[2 * i + 1] = 2 * rng.nextGaussian();
      t[i] = rng.nextDouble();
    }
    double[] chunked = new double[2 * n];
    double[] whole = new double[2 * n];
    try (OnnxDenoiser denoiser = OnnxDenoiser.load(MODEL);
        OnnxNetwork network = OnnxNetwork.open(MODEL, 1)) {
      denoiser.predict(x, t, n, chunked);
      float[] xf = new float[2 * n];
      float[] tf = new float[n];
      float[] out = new float[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        xf[i] = (float) x[i];
      }
      for (int i = 0; i < n; i++) {
        tf[i] = denoiser.card().networkTime(t[i]);
      }
      network.forward(xf, tf, n, out);
      for (int i = 0; i < 2 * n; i++) {
        whole[i] = out[i];
      }
    }
    return new double[][] {chunked, whole};
  }

  @Test
  void oneChunkIsExactlyOneCall() {
    double[][] r = both(OnnxDenoiser.MAX_ROWS_PER_CALL);
    assertArrayEquals(r[1], r[0]);
  }

  @Test
  void manyChunksMatchOneCallToFloatRounding() {
    int n = 2 * OnnxDenoiser.MAX_ROWS_PER_CALL + 77; // chunks of 709, 709 and 707 rows
    double[][] r = both(n);
    double worst = 0;
    for (int i = 0; i < r[0].length; i++) {
      worst = Math.max(worst, Math.abs(r[0][i] - r[1][i]) / (1 + Math.abs(r[1][i])));
    }
    assertTrue(worst <= 1e-5, "largest relative difference " + worst);
  }
}
