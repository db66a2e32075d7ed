package dev.pocketdiffusion.sampling;

/**
 * A class-conditional denoiser. Labels run from 0 to {@link #numClasses()} − 1; the label {@code
 * numClasses()} is the "null" label the model was trained with under label dropout, which gives its
 * unconditional prediction. The plain {@link #predict(double[], double[], int, double[])} uses the
 * null label.
 */
public interface LabelledDenoiser extends Denoiser {

  /** Number of classes; 0 for an unconditional model. */
  int numClasses();

  /** Predicts for {@code n} points with one label each (0 … numClasses(), the last being null). */
  void predict(double[] x, double[] t, long[] labels, int n, double[] out);
}
