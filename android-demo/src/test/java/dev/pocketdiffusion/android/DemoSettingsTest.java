package dev.pocketdiffusion.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Samplers;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class DemoSettingsTest {
  @Test
  public void parsesTheScreenFields() {
    DemoSettings settings = DemoSettings.parse("moons.onnx", "heun", " 25 ", "1500", "7", 2, "3.5");
    assertEquals("moons.onnx", settings.model());
    assertEquals("heun", settings.sampler());
    assertEquals(25, settings.steps());
    assertEquals(1500, settings.points());
    assertEquals(7, settings.seed());
    assertEquals(2, settings.classLabel());
    assertEquals(3.5, settings.guidance(), 0);
    assertEquals("heun", settings.newSampler().name());
    assertEquals(25, settings.plannedSteps());
  }

  @Test
  public void aBadFieldIsNamedInTheMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DemoSettings.parse("m", "ddim", "ten", "100", "0", 0, "1"));
    assertEquals("steps must be a whole number, got 'ten'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DemoSettings.parse("m", "ddim", "10", "0", "0", 0, "1"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("points must be between 1 and"));
    e = assertThrows(IllegalArgumentException.class, () -> DemoSettings.parse("m", "ddim", "10", "10", "0", 0, "-1"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("guidance must be a number >= 0"));
  }

  @Test
  public void adaptiveHasNoPlannedStepCount() {
    assertEquals(50, DemoSettings.defaults("m").plannedSteps());
    assertEquals(0, new DemoSettings("m", "adaptive", 50, 10, 0, 0, 1).plannedSteps());
  }

  @Test
  public void aGaussianModelOffersEverySampler() {
    Denoiser model = new GaussianDenoiser(new FlowPath(BaseDistribution.GAUSSIAN), new double[] {0, 0}, 1, Prediction.VELOCITY);
    assertEquals(Arrays.asList(Samplers.NAMES.split(", ")), DemoSettings.samplersFor(model));
  }

  @Test
  public void aNonGaussianBaseOffersOnlyDeterministicSamplers() {
    List<String> samplers = DemoSettings.samplersFor(new ZeroVelocity(new FlowPath(BaseDistribution.ANNULUS)));
    assertFalse(samplers.contains("ddpm"));
    assertFalse(samplers.contains("euler-maruyama"));
    assertTrue(samplers.containsAll(Arrays.asList("ddim", "euler", "heun", "midpoint", "rk4", "dpm++2m", "adaptive")));
  }

  /** A velocity model on any path; only its path and prediction matter here. */
  private static final class ZeroVelocity implements Denoiser {
    private final AffinePath path;

    ZeroVelocity(AffinePath path) {
      this.path = path;
    }

    @Override
    public AffinePath path() {
      return path;
    }

    @Override
    public Prediction prediction() {
      return Prediction.VELOCITY;
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public void predict(double[] x, double[] t, int n, double[] out) {
      Arrays.fill(out, 0, n * 2, 0);
    }
  }
}
