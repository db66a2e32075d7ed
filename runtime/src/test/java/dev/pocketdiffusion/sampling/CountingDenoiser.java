package dev.pocketdiffusion.sampling;

/** Wraps a denoiser and counts its {@link #predict} calls, to check what samplers report. */
final class CountingDenoiser extends ForwardingDenoiser {
  private final Denoiser inner;
  private int calls;

  CountingDenoiser(Denoiser inner) {
    super(inner);
    this.inner = inner;
  }

  int calls() {
    return calls;
  }

  @Override
  public void predict(double[] x, double[] t, int n, double[] out) {
    calls++;
    inner.predict(x, t, n, out);
  }
}
