package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ema DECAY} reaches the run: it is recorded in {@code config.json} and the exported
 * weights depend on it (0 exports the raw weights, 0.9 their average).
 */
class EmaOptionTest {
  @TempDir Path dir;

  private byte[] train(String name, String... ema) throws Exception {
    File run = dir.resolve(name).toFile();
    String[] args = {"train", "--dataset", "moons", "--steps", "40", "--seed", "5"};
    String[] all = Arrays.copyOf(args, args.length + ema.length + 2);
    System.arraycopy(ema, 0, all, args.length, ema.length);
    all[all.length - 2] = "--out";
    all[all.length - 1] = run.getPath();
    CliHarness train = CliHarness.trainer(all);
    assertEquals(0, train.exitCode, train.err);
    double decay =
        JsonParser.parseString(Files.readString(new File(run, "config.json").toPath()))
            .getAsJsonObject()
            .get("emaDecay")
            .getAsDouble();
    assertEquals(Double.parseDouble(ema[1]), decay, 0);
    return Files.readAllBytes(new File(run, "model.onnx").toPath());
  }

  @Test
  void theDecayIsRecordedAndShapesTheExportedWeights() throws Exception {
    byte[] raw = train("raw", "--ema", "0");
    byte[] averaged = train("averaged", "--ema", "0.9");
    assertFalse(Arrays.equals(raw, averaged), "--ema 0 and --ema 0.9 exported the same weights");
  }
}
