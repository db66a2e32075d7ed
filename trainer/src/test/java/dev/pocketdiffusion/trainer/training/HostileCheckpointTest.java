package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile checkpoints (issue 16, classes 7 and 8): whatever was edited, cut short or pointed
 * elsewhere is refused in one line naming the file, before it can train a different model.
 */
class HostileCheckpointTest {
  @TempDir Path tmp;

  private File saved(TrainingConfig config) throws Exception {
    File dir = tmp.resolve("checkpoint").toFile();
    try (Model model = CheckpointFixtures.network(config)) {
      CheckpointFixtures.saveFilled(dir, model, config, 3);
    }
    return dir;
  }

  private static File meta(File dir) {
    return new File(dir, Checkpoints.META);
  }

  /** Both readers refuse {@code dir} with one line naming checkpoint.json and {@code fragment}. */
  private static void assertRefused(File dir, String fragment) {
    for (Runnable read :
        new Runnable[] {() -> Checkpoints.readConfig(dir), () -> Checkpoints.load(dir).close()}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, read::run);
      assertTrue(e.getMessage().startsWith(meta(dir).toString()), e.getMessage());
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  private static void edit(File dir, String from, String to) throws Exception {
    String text = Files.readString(meta(dir).toPath());
    assertTrue(text.contains(from), "fixture lacks " + from);
    Files.writeString(meta(dir).toPath(), text.replace(from, to));
  }

  /** Edits the text before the seal and seals it again, as a careful forger would. */
  private static void forge(File dir, String from, String to) throws Exception {
    String text = Files.readString(meta(dir).toPath());
    String body = text.substring(0, text.lastIndexOf("\"" + Checkpoints.SEAL + "\""));
    assertTrue(body.contains(from), "fixture lacks " + from);
    body = body.replace(from, to);
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        meta(dir).toPath(), body + "\"" + Checkpoints.SEAL + "\": " + crc.getValue() + "\n}\n");
  }

  @Test
  void anEditAnywhereInTheMetadataIsDetected() throws Exception {
    String[][] edits = {
      {"\"process\": \"vp\"", "\"process\": \"ve\""},
      {"\"activation\": \"gelu\"", "\"activation\": \"relu\""},
      {"\"width\": 8", "\"width\": 9"},
      {"\"learningRate\": 0.002", "\"learningRate\": 0.02"},
    };
    for (String[] e : edits) {
      File dir = saved(CheckpointFixtures.config(8));
      edit(dir, e[0], e[1]);
      assertRefused(dir, "edited or damaged");
    }
  }

  @Test
  void metadataWithoutItsChecksumIsRefused() throws Exception {
    File dir = saved(CheckpointFixtures.config(8));
    String text = Files.readString(meta(dir).toPath());
    String body = text.substring(0, text.lastIndexOf("\"" + Checkpoints.SEAL + "\""));
    Files.writeString(meta(dir).toPath(), body.substring(0, body.lastIndexOf(',')) + "\n}\n");
    assertRefused(dir, "has no " + Checkpoints.SEAL);
  }

  @Test
  void recordedValuesAreCheckedLikeOptions() throws Exception {
    String[][] forgeries = {
      {"\"learningRate\": 0.002", "\"learningRate\": NaN", "--lr must be a positive number"},
      {"\"width\": 8", "\"width\": 100000", "--width must be in 1..4096, got 100000"},
      {"\"steps\": 12000", "\"steps\": 2000000000", "--steps must be in 1..10000000"},
    };
    for (String[] f : forgeries) {
      File dir = saved(CheckpointFixtures.config(8));
      forge(dir, f[0], f[1]);
      assertRefused(dir, "the recorded config is not valid");
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> Checkpoints.readConfig(dir));
      assertTrue(e.getMessage().contains(f[2]), "names the value: " + e.getMessage());
    }
  }

  @Test
  void aChangedOrForeignDatasetFileIsRefusedWithoutQuotingIt() throws Exception {
    File data =
        tmp.resolve("a-rather-long-folder-name-for-the-data/" + "x".repeat(80) + ".tsv").toFile();
    assertTrue(data.getParentFile().mkdirs());
    Files.writeString(data.toPath(), "dataset\tx\ty\ndino\t1\t2\n");
    TrainingConfig config = CheckpointFixtures.config(8);
    config.data = data.getPath();
    File dir = saved(config);
    assertEquals(data.getPath(), Checkpoints.readConfig(dir).data, "unchanged: resumable");

    Files.writeString(data.toPath(), "SECRET first line\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Checkpoints.readConfig(dir));
    assertTrue(e.getMessage().contains("is missing or has changed"), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"), "the file's content is not echoed");
    assertFalse(e.getMessage().contains(data.getPath()), "a long path is shortened");
    assertTrue(e.getMessage().length() < meta(dir).toString().length() + 200, e.getMessage());

    File other = tmp.resolve("other.txt").toFile();
    Files.writeString(other.toPath(), "SECRET\n");
    forge(dir, data.getPath(), other.getPath());
    e = assertThrows(InvalidInputException.class, () -> Checkpoints.readConfig(dir));
    assertTrue(e.getMessage().contains("is missing or has changed"), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  @Test
  void aFirstSaveCutShortLeavesNothingToResumeAndSaysSo() throws Exception {
    File dir = tmp.resolve("checkpoint").toFile();
    assertTrue(dir.mkdirs());
    Files.write(new File(dir, Checkpoints.NEXT_PARAMS).toPath(), new byte[100]);
    Files.write(new File(dir, ".checkpoint.json.42.tmp").toPath(), new byte[0]);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Checkpoints.readConfig(dir));
    assertTrue(
        e.getMessage().contains("no complete checkpoint (the first save was cut short"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
  }

  @Test
  void aRunDivergingBeforeItsFirstCheckpointSaysThereIsNone() {
    TrainingConfig config = new TrainingConfig();
    config.learningRate = 1e30;
    config.learningRateSchedule = "constant";
    config.gradientClip = 1e30;
    config.steps = 200;
    config.batchSize = 32;
    config.network.setWidth(16);
    File run = tmp.resolve("diverged").toFile();
    TrainingDivergedException e =
        assertThrows(
            TrainingDivergedException.class,
            () -> new TrainingJob(config, run, Device.cpu()).run());
    assertTrue(e.getMessage().contains("no checkpoint was saved before it"), e.getMessage());
    assertFalse(new File(run, "checkpoint/" + Checkpoints.META).exists());
  }
}
