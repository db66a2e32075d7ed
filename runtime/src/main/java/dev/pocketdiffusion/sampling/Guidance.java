package dev.pocketdiffusion.sampling;

import java.util.Arrays;

/**
 * Classifier-free guidance (Ho &amp; Salimans 2022): for class k with scale w the denoiser returns
 * {@code u + w·(c − u)}, where c is the prediction for label k and u the unconditional one (null
 * label). w = 1 is plain conditional sampling, w &gt; 1 sharpens the class, w = 0 ignores it. Every
 * prediction type is linear in the posterior, so this works for ε, x0 and velocity alike.
 */
public final class Guidance extends ForwardingDenoiser {
  private final LabelledDenoiser model;
  private final int label;
  private final double scale;

  private Guidance(LabelledDenoiser model, int label, double scale) {
    super(model);
    this.model = model;
    this.label = label;
    this.scale = scale;
  }

  /**
   * The guided denoiser for class {@code label} at scale {@code scale}.
   *
   * @throws IllegalArgumentException if the model is unconditional or the label is out of range
   */
  public static Denoiser of(Denoiser model, int label, double scale) {
    int classes = model instanceof LabelledDenoiser ? ((LabelledDenoiser) model).numClasses() : 0;
    check(classes, label, scale);
    return new Guidance((LabelledDenoiser) model, label, scale);
  }

  /**
   * Checks class {@code label} and guidance {@code scale} for a model of {@code classes} classes
   * (0: unconditional), with a one-line message naming the option.
   *
   * @throws IllegalArgumentException if the model is unconditional, the label is out of range or
   *     the scale is negative, NaN or infinite
   */
  public static void check(int classes, int label, double scale) {
    if (classes == 0) {
      throw new IllegalArgumentException(
          "--class was given but the model is unconditional (it has no label input)");
    }
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException(
          "--class "
              + label
              + " is out of range: the model has "
              + classes
              + " classes (0.."
              + (classes - 1)
              + ")");
    }
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("--guidance must be a number >= 0, got " + scale);
    }
  }

  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    long[] labels = new long[n];
    Arrays.fill(labels, label);
    model.predict(x, t, labels, n, out);
    if (scale == 1) {
      return;
    }
    double[] unconditional = new double[out.length];
    Arrays.fill(labels, model.numClasses());
    model.predict(x, t, labels, n, unconditional);
    for (int i = 0; i < out.length; i++) {
      out[i] = unconditional[i] + scale * (out[i] - unconditional[i]);
    }
  }
}
