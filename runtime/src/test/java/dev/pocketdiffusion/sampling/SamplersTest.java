package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplersTest {

  @Test
  void everyListedNameCreatesThatSampler() {
    String[] names = Samplers.NAMES.split(", ");
    assertEquals(13, names.length);
    for (String name : names) {
      assertEquals(name, Samplers.create(name, 10).name());
    }
  }

  @Test
  void theCallTableNamesEverySampler() {
    for (String name : Samplers.NAMES.split(", ")) {
      assertTrue(
          java.util.Arrays.asList(Samplers.CALLS.split("[,:;] ?")).contains(name.trim()), name);
    }
  }

  @Test
  void onlyTheNoiseDrawingSamplersAreStochastic() {
    assertTrue(Samplers.create("ddpm", 10).isStochastic());
    assertTrue(Samplers.create("euler-maruyama", 10).isStochastic());
    assertTrue(Samplers.create("euler-a", 10).isStochastic());
    assertTrue(Samplers.create("dpm++2m-sde", 10).isStochastic());
    assertTrue(Samplers.create("ddim", 10, 0.5, TimestepSpacing.LINSPACE).isStochastic());
    assertFalse(Samplers.create("ddim", 10).isStochastic());
    for (String name :
        new String[] {
          "euler", "heun", "midpoint", "rk4", "dpm++2m", "dpm++3m", "unipc", "adaptive"
        }) {
      assertFalse(Samplers.create(name, 10).isStochastic(), name);
    }
  }

  /**
   * The reported count equals the denoiser's calls. Heun's and rk4's last stage sits at t = 0,
   * which needs no model where b(0) = 0 (vp) but does where b(0) = σ_min (ve geometric).
   */
  @ParameterizedTest(name = "{0}: {1} calls on vp, {2} on ve geometric, {3} before a run")
  @CsvSource({
    "ddpm, 20, -1, 20",
    "ddim, 20, 20, 20",
    "euler, 20, 20, 20",
    "heun, 39, 40, 40",
    "midpoint, 40, 40, 40",
    "rk4, 79, 80, 80",
    "euler-maruyama, 20, 20, 20",
    "dpm++2m, 20, 20, 20"
  })
  void reportsItsModelCalls(String name, int onVp, int onVe, int beforeRun) {
    Sampler sampler = Samplers.create(name, 20);
    assertEquals(beforeRun, sampler.modelCalls(), "before a run");
    AffinePath[] paths = {VpPath.of(VpSchedule.LINEAR, 1000), VePath.of(VeSchedule.GEOMETRIC)};
    int[] expected = {onVp, onVe};
    for (int k = 0; k < 2; k++) {
      if (expected[k] < 0) {
        continue;
      }
      CountingDenoiser denoiser =
          new CountingDenoiser(
              new GaussianDenoiser(paths[k], new double[] {0.5}, 0.4, Prediction.X0));
      double[] x = {0.1, -0.3};
      sampler.sample(denoiser, x, 2, new Random(1), StepListener.NONE);
      assertEquals(expected[k], denoiser.calls(), paths[k].process() + " denoiser calls");
      assertEquals(expected[k], sampler.modelCalls(), paths[k].process() + " reported calls");
    }
  }
}
