package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;

/**
 * A denoiser for tests: its path, prediction, dimension and data range (null for none) as given,
 * its predictions from {@code rule}.
 */
public record TestDenoiser(
    AffinePath path, Prediction prediction, int dimension, DataRange dataRange, Rule rule)
    implements Denoiser {

  /** What the denoiser predicts, as {@link Denoiser#predict}. */
  @FunctionalInterface
  public interface Rule {
    /**
     * Writes the predictions for {@code n} points {@code x} at times {@code t} into {@code out}.
     */
    void predict(double[] x, double[] t, int n, double[] out);
  }

  /** A denoiser without a data range. */
  public TestDenoiser(AffinePath path, Prediction prediction, int dimension, Rule rule) {
    this(path, prediction, dimension, null, rule);
  }

  /** A denoiser for checks that must refuse it before it predicts: a prediction fails the test. */
  public static TestDenoiser neverCalled(AffinePath path, Prediction prediction, int dimension) {
    return new TestDenoiser(
        path,
        prediction,
        dimension,
        (x, t, n, out) -> {
          throw new AssertionError("the denoiser was asked to predict");
        });
  }

  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    rule.predict(x, t, n, out);
  }
}
