package dev.pocketdiffusion.sampling;

/** Creates samplers by their command-line names. */
public final class Samplers {
  /** The names {@link #create} accepts. */
  public static final String NAMES = "ddpm, ddim";

  private Samplers() {}

  /** A sampler with default η (0 for DDIM) and {@code linspace} spacing. */
  public static Sampler create(String name, int steps) {
    return create(name, steps, 0.0, TimestepSpacing.LINSPACE);
  }

  /**
   * A sampler by name.
   *
   * @param eta DDIM's η (ignored by {@code ddpm}, which is η = 1)
   * @throws IllegalArgumentException for an unknown name or invalid settings
   */
  public static Sampler create(String name, int steps, double eta, TimestepSpacing spacing) {
    switch (name) {
      case "ddpm":
        return DdimSampler.ddpm(steps, spacing);
      case "ddim":
        return new DdimSampler(steps, eta, spacing);
      default:
        throw new IllegalArgumentException("unknown sampler '" + name + "' (choose one of: " + NAMES + ")");
    }
  }
}
