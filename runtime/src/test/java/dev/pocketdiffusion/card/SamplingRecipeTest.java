package dev.pocketdiffusion.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplingRecipeTest {
  private static ModelCard vp() {
    return ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);
  }

  @Test
  void aCardWithoutARecommendationGetsTheDefaultAndWritesNoKeys() {
    ModelCard card = vp();
    assertFalse(card.toJson().contains("\"sampler\""), card.toJson());
    SamplingRecipe recipe = ModelCard.fromJson(card.toJson(), "m").samplingRecipe();
    assertEquals(SamplingRecipe.DEFAULT_SAMPLER, recipe.sampler());
    assertEquals(SamplingRecipe.DEFAULT_STEPS, recipe.steps());
    assertEquals("default", recipe.source());
  }

  @Test
  void aRecommendationRoundTripsUnderItsKeys() {
    ModelCard card = vp();
    card.setClasses(Arrays.asList("a", "b"));
    card.recommend("dpm++2m", 12, 2.5);
    String json = card.toJson();
    assertTrue(json.contains("\"sampler\": \"dpm++2m\""), json);
    assertTrue(json.contains("\"steps\": 12"), json);
    SamplingRecipe recipe = ModelCard.fromJson(json, "m").samplingRecipe();
    assertEquals("dpm++2m", recipe.sampler());
    assertEquals(12, recipe.steps());
    assertEquals(2.5, recipe.guidance(), 0);
    assertEquals("card", recipe.source());
    assertEquals(12, recipe.create().modelCalls());
  }

  @Test
  void badRecommendationsAreRefusedInOneLineNamingTheKey() {
    ModelCard card = vp();
    card.recommend("ddim", 10, null);
    String json = card.toJson();
    assertRefused(json.replace("\"ddim\"", "\"warp\""), "sampler");
    assertRefused(json.replace("\"steps\": 10", "\"steps\": 0"), "steps");
    assertRefused(json.replace("\"steps\": 10", "\"steps\": 1001"), "steps");
    assertRefused(json.replace(",\n  \"steps\": 10", ""), "steps");
    assertRefused(json.replace("\"steps\": 10", "\"steps\": 10, \"guidance\": 2"), "guidance");
    ModelCard flow =
        ModelCard.create(new FlowPath(BaseDistribution.GAUSSIAN), Prediction.VELOCITY, 2);
    flow.recommend("euler", 2, null);
    assertEquals(2, ModelCard.fromJson(flow.toJson(), "m").samplingRecipe().steps());
    assertThrows(InvalidInputException.class, () -> vp().recommend("ddim", 0, null));
  }

  @Test
  void aSpacingRoundTripsAndPlacesTheSteps() {
    ModelCard card = vp();
    card.recommend("ddim", 1, null, "trailing");
    String json = card.toJson();
    assertTrue(json.contains("\"spacing\": \"trailing\""), json);
    SamplingRecipe recipe = ModelCard.fromJson(json, "m").samplingRecipe();
    assertEquals("trailing", recipe.spacing().cliName());
    double[] times =
        ((dev.pocketdiffusion.sampling.DdimSampler) recipe.create()).times(card.path());
    assertEquals(1.0, times[0], 0, "trailing DDIM-1 starts at t = 1, linspace at 0.001");
    assertEquals("trailing", recipe.spacingFor("ddim").cliName());
    assertEquals(null, recipe.spacingFor("dpm++2m"), "another sampler keeps its own spacing");
    assertEquals(null, vp().samplingRecipe().spacing());
    assertRefused(json.replace("\"trailing\"", "\"sideways\""), "spacing");
    assertThrows(InvalidInputException.class, () -> vp().recommend("ddim", 2, null, "up"));
  }

  private static void assertRefused(String json, String key) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ModelCard.fromJson(json, "m.onnx"));
    assertTrue(e.getMessage().startsWith("m.onnx: model card"), e.getMessage());
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
