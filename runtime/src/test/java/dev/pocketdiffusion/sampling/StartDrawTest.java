package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.Prediction;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sampling from given starting draws ({@code runtime sample --start}, baked models) is the seeded
 * run exactly when the draws are the ones the seed makes; and a baked card round-trips.
 */
class StartDrawTest {
  private static final double[] MEAN = {0.5, -1};

  @Test
  void givenDrawsReproduceTheSeededRunBitForBit() {
    for (Denoiser model :
        new Denoiser[] {
          new GaussianDenoiser(NoiseProcess.VP.path("linear", "gaussian", 1000), MEAN, 0.3),
          // ve with data moments: the start is mean + chol(cov + σ(1)²I)·z, not σ(1)·z
          new GaussianDenoiser(NoiseProcess.VE.path("exp", "gaussian", 0), MEAN, 0.3)
        }) {
      Points seeded = Sampling.generate(model, Samplers.create("dpm++2m", 10), 40, 9);
      Points draws = new Points(40, 2, Sampling.drawStart(model, 40, new Random(9)));
      Points given =
          Sampling.generate(model, Samplers.create("dpm++2m", 10), draws, 0, StepListener.NONE);
      assertArrayEquals(seeded.data(), given.data(), 0);
      assertNotEquals(draws.data()[0], given.data()[0]);
    }
    assertTrue(
        Sampling.startsFromMoments(
            new GaussianDenoiser(NoiseProcess.VE.path("exp", "gaussian", 0), MEAN, 0.3)));
  }

  @Test
  void drawsOfTheWrongDimensionAreRefused() {
    Denoiser model =
        new GaussianDenoiser(NoiseProcess.VP.path("linear", "gaussian", 1000), MEAN, 0.3);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Sampling.generate(
                    model, Samplers.create("ddim", 5), Points.zeros(3, 3), 0, StepListener.NONE));
    assertTrue(e.getMessage().contains("3 coordinates per point but the model has 2"));
  }

  @Test
  void aBakedCardRoundTripsAndNeedsItsSampler() {
    ModelCard card =
        ModelCard.create(NoiseProcess.VP.path("linear", "gaussian", 1000), Prediction.EPSILON, 2);
    assertTrue(!card.isBaked() && !card.toJson().contains("baked"));
    card.setBaked("ddim", 50, null, "moons.onnx", "ab12");
    ModelCard back = ModelCard.fromJson(card.toJson(), "test");
    assertTrue(back.isBaked());
    assertEquals("ddim", back.bakedSampler());
    assertEquals(50, back.bakedSteps());
    assertEquals(null, back.bakedSpacing());
    assertEquals("moons.onnx", back.bakedFrom().get("file"));
    assertEquals("ab12", back.bakedFrom().get("sha256"));
    com.google.gson.JsonObject json =
        com.google.gson.JsonParser.parseString(card.toJson()).getAsJsonObject();
    json.remove("sampler");
    json.remove("steps");
    String broken = json.toString();
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ModelCard.fromJson(broken, "b.onnx"));
    assertTrue(e.getMessage().contains("baked but has no sampler"), e.getMessage());
  }
}
