package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;

/** Wraps a denoiser and counts its {@link #predict} calls, to check what samplers report. */
final class CountingDenoiser implements Denoiser {
  private final Denoiser inner;
  private int calls;

  CountingDenoiser(Denoiser inner) {
    this.inner = inner;
  }

  int calls() {
    return calls;
  }

  @Override
  public AffinePath path() {
    return inner.path();
  }

  @Override
  public Prediction prediction() {
    return inner.prediction();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    calls++;
    inner.predict(x, t, n, out);
  }
}
