package dev.pocketdiffusion.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.DataMoments;
import org.junit.jupiter.api.Test;

class ModelCardTest {

  @Test
  void roundTripsThroughJson() {
    ModelCard card = ModelCard.create(VpPath.of(VpSchedule.COSINE, 500), Prediction.EPSILON, 2);
    card.training().put("dataset", "moons");
    card.metrics().put("mmd2", 0.001);
    ModelCard back = ModelCard.fromJson(card.toJson(), "test");
    assertEquals(card.toJson(), back.toJson());
    assertEquals(500, back.path().numTimesteps());
    assertEquals(Prediction.EPSILON, back.prediction());
    assertEquals(499f, back.networkTime(1.0), 0);
    assertEquals(0f, back.networkTime(1 / 500.0), 1e-4);
  }

  @Test
  void refusesAFutureFormatVersionWithOneLine() {
    String json =
        ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2)
            .toJson()
            .replace("\"format_version\": 1", "\"format_version\": 7");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ModelCard.fromJson(json, "m.onnx"));
    assertTrue(
        e.getMessage().startsWith("m.onnx: model card format version 7 is not supported"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void refusesBrokenCards() {
    assertThrows(InvalidInputException.class, () -> ModelCard.fromJson("{not json", "m"));
    assertThrows(InvalidInputException.class, () -> ModelCard.fromJson("", "m"));
    String json =
        ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2).toJson();
    assertThrows(
        InvalidInputException.class,
        () -> ModelCard.fromJson(json.replace("\"linear\"", "\"zigzag\""), "m"));
    assertThrows(
        InvalidInputException.class,
        () -> ModelCard.fromJson(json.replace("\"epsilon\"", "\"score\""), "m"));
    assertThrows(
        InvalidInputException.class,
        () ->
            ModelCard.fromJson(
                json.replace("\"time_input_scale\": 1000.0", "\"time_input_scale\": NaN"), "m"));
    InvalidInputException twoLines =
        assertThrows(
            InvalidInputException.class,
            () -> ModelCard.fromJson(json.replace("\"epsilon\"", "\"eps\\nilon\""), "m"));
    assertTrue(
        twoLines.getMessage().contains("'eps\\nilon'"),
        "a line break from the input is shown escaped: " + twoLines.getMessage());
  }

  @Test
  void refusesAHugeTimestepCountBeforeBuildingItsTable() {
    String json =
        ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2)
            .toJson()
            .replace("\"num_timesteps\": 1000", "\"num_timesteps\": 1000000000");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ModelCard.fromJson(json, "m.onnx"));
    assertEquals(
        "m.onnx: model card num_timesteps must be in 0..100000, got 1000000000", e.getMessage());
  }

  @Test
  void aVeCardCarriesTheDataMomentsAndOtherCardsDoNot() {
    ModelCard ve = ModelCard.create(VePath.of(VeSchedule.EXP), Prediction.EPSILON, 2);
    ve.setDataMoments(
        new DataMoments(new double[] {0.7, -0.4}, new double[] {0.09, 0.01, 0.01, 0.04}));
    ModelCard back = ModelCard.fromJson(ve.toJson(), "ve.onnx");
    assertTrue(ve.toJson().contains("\"data_mean\""), ve.toJson());
    assertArrayEquals(new double[] {0.09, 0.01, 0.01, 0.04}, back.dataMoments().covariance(), 0);
    ModelCard vp = ModelCard.create(VpPath.of(VpSchedule.LINEAR, 1000), Prediction.EPSILON, 2);
    assertFalse(vp.toJson().contains("data_"), vp.toJson());
    assertNull(ModelCard.fromJson(vp.toJson(), "vp.onnx").dataMoments());
  }

  @Test
  void rejectsDataMomentsOfTheWrongSize() {
    ModelCard ve = ModelCard.create(VePath.of(VeSchedule.EXP), Prediction.EPSILON, 2);
    ve.setDataMoments(new DataMoments(new double[] {0.7, -0.4}, new double[] {0.09, 0, 0, 0.04}));
    String json = ve.toJson().replaceFirst("0\\.09,\\s*0\\.0,", "");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ModelCard.fromJson(json, "m.onnx"));
    assertTrue(e.getMessage().startsWith("m.onnx: model card"), e.getMessage());
  }
}
