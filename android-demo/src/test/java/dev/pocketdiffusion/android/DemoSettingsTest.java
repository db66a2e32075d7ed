package dev.pocketdiffusion.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.onnx.ExecutionProvider;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.DdimSampler;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.LabelledDenoiser;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.TestDenoiser;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class DemoSettingsTest {
  @Test
  public void parsesTheScreenFields() {
    DemoSettings settings =
        DemoSettings.parse(
            "moons.onnx", ExecutionProvider.XNNPACK, "heun", " 25 ", "1500", "7", 2, "3.5");
    assertEquals("moons.onnx", settings.model());
    assertEquals(ExecutionProvider.XNNPACK, settings.provider());
    assertEquals("heun", settings.sampler());
    assertEquals(25, settings.steps());
    assertEquals(1500, settings.points());
    assertEquals(7, settings.seed());
    assertEquals(2, settings.classLabel());
    assertEquals(3.5, settings.guidance(), 0);
    assertEquals("heun", settings.newSampler(SamplingRecipe.DEFAULT).name());
    assertEquals(25, settings.plannedSteps());
  }

  @Test
  public void theCardsSpacingGoesWithTheCardsSampler() {
    // a progressive student's one DDIM step exists on the trailing grid only (t = 1, not 0.001)
    ModelCard card = ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.X0, 2);
    card.recommend("ddim", 1, null, "trailing");
    SamplingRecipe recipe = card.samplingRecipe();
    DemoSettings student = DemoSettings.defaults("student.onnx", recipe);
    assertEquals(1.0, ((DdimSampler) student.newSampler(recipe)).times(card.path())[0], 0);
    DemoSettings plain = DemoSettings.defaults("student.onnx");
    DemoSettings oneStep =
        new DemoSettings(
            "student.onnx", ExecutionProvider.CPU, "ddim", 1, 100, 0, 0, plain.guidance());
    assertTrue(
        ((DdimSampler) oneStep.newSampler(SamplingRecipe.DEFAULT)).times(card.path())[0] < 0.01);
  }

  @Test
  public void aBadFieldIsNamedInTheMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DemoSettings.parse("m", ExecutionProvider.CPU, "ddim", "ten", "100", "0", 0, "1"));
    assertEquals("steps must be a whole number, got 'ten'", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoSettings.parse("m", ExecutionProvider.CPU, "ddim", "10", "0", "0", 0, "1"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("points must be between 1 and"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoSettings.parse("m", ExecutionProvider.CPU, "ddim", "10", "10", "0", 0, "-1"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("guidance must be a number >= 0"));
  }

  @Test
  public void adaptiveHasNoPlannedStepCount() {
    assertEquals(50, DemoSettings.defaults("m").plannedSteps());
    assertEquals(
        0,
        new DemoSettings("m", ExecutionProvider.CPU, "adaptive", 50, 10, 0, 0, 1).plannedSteps());
  }

  @Test
  public void aGaussianModelOffersEverySampler() {
    Denoiser model =
        new GaussianDenoiser(
            new FlowPath(BaseDistribution.GAUSSIAN), new double[] {0, 0}, 1, Prediction.VELOCITY);
    assertEquals(Arrays.asList(Samplers.NAMES.split(", ")), DemoSettings.samplersFor(model));
  }

  @Test
  public void aNonGaussianBaseOffersOnlyDeterministicSamplers() {
    List<String> samplers =
        DemoSettings.samplersFor(
            TestDenoiser.neverCalled(
                new FlowPath(BaseDistribution.ANNULUS), Prediction.VELOCITY, 2));
    assertFalse(samplers.contains("ddpm"));
    assertFalse(samplers.contains("euler-maruyama"));
    assertTrue(
        samplers.containsAll(
            Arrays.asList("ddim", "euler", "heun", "midpoint", "rk4", "dpm++2m", "adaptive")));
  }

  @Test
  public void aConditionalModelIsGuidedTowardsTheChosenClass() {
    Classes three = new Classes(3);
    DemoSettings settings = new DemoSettings("m", ExecutionProvider.CPU, "ddim", 10, 10, 0, 2, 3.0);
    Denoiser guided = settings.denoiser(three);
    assertNotSame(three, guided);
    double[] out = new double[2];
    guided.predict(new double[] {0, 0}, new double[] {0.5}, 1, out);
    // Classes predicts its label in both coordinates; the null label is 3: 3 + 3·(2 − 3) = 0
    assertEquals(0, out[0], 1e-12);
    Classes unconditional = new Classes(0);
    assertSame(unconditional, settings.denoiser(unconditional));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DemoSettings("m", ExecutionProvider.CPU, "ddim", 10, 10, 0, 5, 1.0)
                    .denoiser(three));
    assertTrue(e.getMessage(), e.getMessage().contains("out of range"));
  }

  /** A conditional model whose prediction is its label; unconditional when it has 0 classes. */
  private static final class Classes implements LabelledDenoiser {
    private final int classes;

    Classes(int classes) {
      this.classes = classes;
    }

    @Override
    public int numClasses() {
      return classes;
    }

    @Override
    public void predict(double[] x, double[] t, long[] labels, int n, double[] out) {
      for (int i = 0; i < n; i++) {
        out[2 * i] = labels[i];
        out[2 * i + 1] = labels[i];
      }
    }

    @Override
    public AffinePath path() {
      return new FlowPath(BaseDistribution.GAUSSIAN);
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
      long[] none = new long[n];
      Arrays.fill(none, classes);
      predict(x, t, none, n, out);
    }
  }
}
