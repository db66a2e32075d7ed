package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dataset-size} and {@code --class-weights} reach the run: {@code config.json} and the
 * card record them, and the training set they make changes the exported weights.
 */
class TrainingSetOptionsTest {
  @TempDir Path dir;

  private File train(String name, String... options) {
    File run = dir.resolve(name).toFile();
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--dataset",
                "mix:moons,circle",
                "--conditional",
                "--steps",
                "30",
                "--seed",
                "5"));
    args.addAll(Arrays.asList(options));
    args.addAll(List.of("--out", run.getPath()));
    CliHarness train = CliHarness.trainer(args.toArray(new String[0]));
    assertEquals(0, train.exitCode, train.err);
    return run;
  }

  private static JsonObject json(File file) throws Exception {
    return JsonParser.parseString(Files.readString(file.toPath())).getAsJsonObject();
  }

  @Test
  void theTrainingSetOptionsAreRecordedAndShapeTheWeights() throws Exception {
    File plain = train("plain");
    File weighted = train("weighted", "--dataset-size", "600", "--class-weights", "1,3");

    JsonObject config = json(new File(weighted, "config.json"));
    assertEquals(600, config.get("datasetSize").getAsInt());
    assertEquals("1,3", config.get("classWeights").getAsString());
    CliHarness info =
        CliHarness.runtime("info", "--json", new File(weighted, "model.onnx").getPath());
    assertEquals(0, info.exitCode, info.err);
    JsonObject training =
        JsonParser.parseString(info.out).getAsJsonObject().getAsJsonObject("training");
    assertEquals(600, training.get("dataset_size").getAsInt());
    assertEquals("1,3", training.get("class_weights").getAsString());
    CliHarness plainInfo =
        CliHarness.runtime("info", "--json", new File(plain, "model.onnx").getPath());
    assertTrue(plainInfo.out.contains("\"dataset_size\": 8000"), plainInfo.out);
    assertFalse(plainInfo.out.contains("class_weights"), plainInfo.out);

    assertFalse(
        Arrays.equals(
            Files.readAllBytes(new File(plain, "model.onnx").toPath()),
            Files.readAllBytes(new File(weighted, "model.onnx").toPath())),
        "a different training set exported the same weights");
  }
}
