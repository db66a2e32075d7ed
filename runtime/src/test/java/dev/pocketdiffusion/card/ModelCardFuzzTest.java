package dev.pocketdiffusion.card;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Fuzz;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.DataRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated model cards are either read or refused with one clear line; nothing else escapes the
 * parser.
 */
class ModelCardFuzzTest {
  private static List<byte[]> validCards() {
    List<ModelCard> cards = new ArrayList<>();
    ModelCard vp = ModelCard.create(VpPath.of(VpSchedule.COSINE, 1000), Prediction.EPSILON, 2);
    vp.setDataRange(new DataRange(new double[] {-2, -1.5}, new double[] {2.5, 1.5}));
    vp.training().put("dataset", "moons");
    vp.training().put("steps", 20000L);
    vp.metrics().put("mmd2", 0.0012);
    cards.add(vp);
    ModelCard ve =
        ModelCard.create(
            new VePath(VeSchedule.parse("geometric"), 0.01, 10), Prediction.parse("x0"), 3);
    ve.setClasses(Arrays.asList("a", "b", "c"));
    cards.add(ve);
    cards.add(
        ModelCard.create(
            new FlowPath(BaseDistribution.parse("gaussian")), Prediction.parse("velocity"), 2));
    List<byte[]> valid = new ArrayList<>();
    for (ModelCard card : cards) {
      valid.add(card.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return valid;
  }

  @Test
  void mutatedCardsAreReadOrRefusedWithOneLine() {
    List<byte[]> valid = validCards();
    for (byte[] card : valid) {
      ModelCard.fromJson(
          new String(card, StandardCharsets.UTF_8), "seed card"); // the seeds themselves are valid
    }
    Fuzz.Outcome outcome =
        Fuzz.run(
            20261126L,
            valid,
            1000,
            20000,
            3000,
            input -> ModelCard.fromJson(new String(input, StandardCharsets.UTF_8), "fuzz.onnx"));
    assertTrue(
        outcome.refused > outcome.cases / 10,
        "mutations should break many cards: " + outcome.refused + "/" + outcome.cases);
  }
}
