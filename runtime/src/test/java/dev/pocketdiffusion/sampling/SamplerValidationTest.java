package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import org.junit.jupiter.api.Test;

/** Each refusal is one line that names the problem and the fix. */
class SamplerValidationTest {
  private static final String[] ALL = Samplers.NAMES.split(", ");

  /**
   * A velocity model on the flow path from the annulus: it moves every point towards the origin.
   */
  private static Denoiser annulusFlow() {
    return new TestDenoiser(
        new FlowPath(BaseDistribution.ANNULUS),
        Prediction.VELOCITY,
        2,
        (x, t, n, out) -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = x[i];
          }
        });
  }

  private static String refusal(Denoiser denoiser, Sampler sampler) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> Sampling.generate(denoiser, sampler, 4, 1),
            sampler.name())
        .getMessage();
  }

  @Test
  void epsilonPredictionOnTheFlowPathIsRefusedByEverySampler() {
    Denoiser flow =
        new GaussianDenoiser(
            new FlowPath(BaseDistribution.GAUSSIAN), new double[] {0.5}, 0.4, Prediction.EPSILON);
    for (String name : ALL) {
      if (!name.equals("ddpm")) {
        assertEquals(
            "epsilon prediction cannot be sampled on the flow path: a(1) = 0 there, so x̂0 = (x − b·ε̂)/a is "
                + "undefined at the start; train with --prediction velocity or x0",
            refusal(flow, Samplers.create(name, 10)),
            name);
      }
    }
  }

  @Test
  void ddpmIsRefusedOffTheVpProcess() {
    Denoiser ve =
        new GaussianDenoiser(
            VePath.of(VeSchedule.GEOMETRIC), new double[] {0.5}, 0.4, Prediction.X0);
    Denoiser flow =
        new GaussianDenoiser(
            new FlowPath(BaseDistribution.GAUSSIAN), new double[] {0.5}, 0.4, Prediction.X0);
    assertEquals(
        "ddpm is defined for vp models, but this model is ve; use ddim --eta 1 (the same ancestral step on any "
            + "path) or euler-maruyama",
        refusal(ve, Samplers.create("ddpm", 10)));
    assertEquals(
        "ddpm is defined for vp models, but this model is flow; use ddim --eta 1 (the same ancestral step on any "
            + "path) or euler-maruyama",
        refusal(flow, Samplers.create("ddpm", 10)));
  }

  @Test
  void stochasticSamplersAreRefusedOnANonGaussianBase() {
    Sampler[] stochastic = {
      Samplers.create("euler-maruyama", 10),
      Samplers.create("ddim", 10, 0.3, TimestepSpacing.LINSPACE)
    };
    for (Sampler sampler : stochastic) {
      assertEquals(
          "sampler '"
              + sampler.name()
              + "' adds Gaussian noise, which needs a gaussian base, but the model's "
              + "base is annulus; use a deterministic sampler (ddim with --eta 0, euler, heun, midpoint, rk4, dpm++2m, dpm++3m, unipc, adaptive)",
          refusal(annulusFlow(), sampler));
    }
  }

  @Test
  void deterministicSamplersRunOnANonGaussianBase() {
    for (String name : ALL) {
      Sampler sampler = Samplers.create(name, 10);
      if (!sampler.isStochastic()) {
        double[] x = Sampling.generate(annulusFlow(), sampler, 4, 1).data();
        for (double v : x) {
          assertTrue(Double.isFinite(v), name + " gave " + v);
        }
      }
    }
  }

  @Test
  void refusesBadSettings() {
    assertEquals(
        "unknown sampler 'plms' (choose one of: " + Samplers.NAMES + ")",
        assertThrows(IllegalArgumentException.class, () -> Samplers.create("plms", 10))
            .getMessage());
    for (String name :
        new String[] {"euler", "heun", "midpoint", "rk4", "euler-maruyama", "dpm++2m"}) {
      assertEquals(
          "--steps must be at least 1, got 0",
          assertThrows(IllegalArgumentException.class, () -> Samplers.create(name, 0)).getMessage(),
          name);
    }
    assertEquals(
        "adaptive needs --atol and --rtol > 0, got 0.0 and 1.0E-5",
        assertThrows(
                IllegalArgumentException.class,
                () -> Samplers.create("adaptive", 1, 0, TimestepSpacing.LINSPACE, 0, 1e-5))
            .getMessage());
  }
}
