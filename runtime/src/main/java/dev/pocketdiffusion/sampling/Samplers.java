package dev.pocketdiffusion.sampling;

/** Creates samplers by their command-line names. */
public final class Samplers {
  /** The names {@link #create} accepts. */
  public static final String NAMES =
      "ddpm, ddim, euler, heun, midpoint, rk4, euler-maruyama, euler-a, dpm++2m, dpm++3m,"
          + " dpm++2m-sde, unipc, adaptive";

  /** Model calls of each sampler for K steps; shown by {@code --help} and the docs. */
  public static final String CALLS =
      "ddpm, ddim, euler, euler-maruyama, euler-a, dpm++2m, dpm++3m, dpm++2m-sde, unipc: K;"
          + " midpoint: 2K; heun: 2K - 1 (2K on ve exp and geometric); rk4: 4K - 1 (4K on ve exp"
          + " and geometric); adaptive: chosen by its tolerances";

  /** Default absolute tolerance of {@code adaptive}. */
  public static final double DEFAULT_ATOL = 1e-5;

  /** Default relative tolerance of {@code adaptive}. */
  public static final double DEFAULT_RTOL = 1e-5;

  private Samplers() {}

  /** A sampler with default η (0 for DDIM), its recommended spacing and default tolerances. */
  public static Sampler create(String name, int steps) {
    return create(name, steps, 0.0, null);
  }

  /** A sampler by name with the default tolerances of {@code adaptive}. */
  public static Sampler create(String name, int steps, double eta, TimestepSpacing spacing) {
    return create(name, steps, eta, spacing, DEFAULT_ATOL, DEFAULT_RTOL);
  }

  /**
   * A sampler by name, with every setting; each sampler uses the ones that apply to it.
   *
   * @param steps number of steps (ignored by {@code adaptive}, which picks its own)
   * @param eta DDIM's η (ignored by the others; {@code ddpm} is η = 1)
   * @param spacing how fixed-step samplers place their steps; null for each sampler's recommended
   *     one (for the multistep solvers {@code logsnr} where the path's log-SNR is finite at both
   *     ends, {@code cosine} otherwise; {@code linspace} for the others)
   * @param atol absolute tolerance of {@code adaptive}
   * @param rtol relative tolerance of {@code adaptive}
   * @throws IllegalArgumentException for an unknown name or invalid settings
   */
  public static Sampler create(
      String name, int steps, double eta, TimestepSpacing spacing, double atol, double rtol) {
    switch (name) {
      case "ddpm":
        return DdimSampler.ddpm(steps, spacing);
      case "ddim":
        return new DdimSampler(steps, eta, spacing);
      case "euler":
        return RungeKuttaSampler.euler(steps, spacing);
      case "heun":
        return RungeKuttaSampler.heun(steps, spacing);
      case "midpoint":
        return RungeKuttaSampler.midpoint(steps, spacing);
      case "rk4":
        return RungeKuttaSampler.rk4(steps, spacing);
      case "euler-maruyama":
        return new EulerMaruyamaSampler(steps, spacing);
      case "euler-a":
        return DdimSampler.eulerAncestral(steps, spacing);
      case "dpm++2m":
        return new DpmSolverSampler(steps, spacing);
      case "dpm++3m":
        return DpmSolverSampler.thirdOrder(steps, spacing);
      case "dpm++2m-sde":
        return DpmSolverSampler.sde(steps, spacing);
      case "unipc":
        return new UniPcSampler(steps, spacing);
      case "adaptive":
        return new AdaptiveSampler(atol, rtol);
      default:
        throw new IllegalArgumentException(
            "unknown sampler '" + name + "' (choose one of: " + NAMES + ")");
    }
  }
}
