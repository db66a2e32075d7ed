package dev.pocketdiffusion.trainer.training;

import static dev.pocketdiffusion.trainer.training.CheckpointFixtures.config;
import static dev.pocketdiffusion.trainer.training.CheckpointFixtures.network;
import static dev.pocketdiffusion.trainer.training.CheckpointFixtures.recordedStep;
import static dev.pocketdiffusion.trainer.training.CheckpointFixtures.saveFilled;
import static dev.pocketdiffusion.trainer.training.CheckpointFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The states a killed save can leave behind, built by hand: each loads as exactly one whole
 * checkpoint (the old one before the commit point, the new one after), and the next save tidies up.
 * A damaged parameter file is refused with one line rather than loaded.
 */
class CheckpointsTest {
  @TempDir Path tmp;

  private File dir(String name) {
    return tmp.resolve(name).toFile();
  }

  @Test
  void aSaveLeavesOneParameterFileThatLoads() throws Exception {
    TrainingConfig config = config(32);
    File dir = dir("plain");
    try (Model model = network(config)) {
      saveFilled(dir, model, config, 3);
      saveFilled(dir, model, config, 4);
    }
    try (Checkpoints.Restored r = Checkpoints.load(dir)) {
      assertEquals(Collections.singleton(4f), values(r));
    }
    String[] names = dir.list();
    Arrays.sort(names);
    assertEquals("[checkpoint.json, network.params, training.state]", Arrays.toString(names));
  }

  @Test
  void killedBeforeTheCommitPointKeepsTheOldCheckpoint() throws Exception {
    TrainingConfig config = config(32);
    File dir = dir("before");
    File newer = dir("newer");
    try (Model model = network(config)) {
      saveFilled(dir, model, config, 1);
      saveFilled(newer, model, config, 2);
    }
    // the new parameters were written, checkpoint.json was not yet replaced; a temp file was torn
    Files.copy(
        new File(newer, Checkpoints.PARAMS).toPath(),
        new File(dir, Checkpoints.NEXT_PARAMS).toPath());
    Files.write(new File(dir, ".checkpoint.json.123.tmp").toPath(), new byte[] {'{'});
    try (Checkpoints.Restored r = Checkpoints.load(dir)) {
      assertEquals(1, recordedStep(dir));
      assertEquals(Collections.singleton(1f), values(r));
    }
    try (Model model = network(config)) {
      saveFilled(dir, model, config, 5);
    }
    assertEquals(5, recordedStep(dir));
    assertFalse(
        new File(dir, Checkpoints.NEXT_PARAMS).exists(), "the next save replaces the stray file");
    assertFalse(
        new File(dir, ".checkpoint.json.123.tmp").exists(), "leftover temporaries are removed");
  }

  @Test
  void killedAfterTheCommitPointLoadsTheNewCheckpoint() throws Exception {
    TrainingConfig config = config(32);
    File dir = dir("after");
    File newer = dir("newer");
    try (Model model = network(config)) {
      saveFilled(dir, model, config, 1);
      saveFilled(newer, model, config, 2);
    }
    // checkpoint.json was replaced, the final renames of network.params.next and
    // training.state.next did not happen
    Files.copy(
        new File(newer, Checkpoints.PARAMS).toPath(),
        new File(dir, Checkpoints.NEXT_PARAMS).toPath());
    Files.copy(
        new File(newer, Checkpoints.STATE).toPath(),
        new File(dir, Checkpoints.STATE + Checkpoints.NEXT).toPath());
    Files.copy(
        new File(newer, Checkpoints.META).toPath(),
        new File(dir, Checkpoints.META).toPath(),
        StandardCopyOption.REPLACE_EXISTING);
    try (Checkpoints.Restored r = Checkpoints.load(dir)) {
      assertEquals(
          Collections.singleton(2f), values(r), "step 2's parameters with step 2's record");
      assertEquals(
          2,
          Checkpoints.loadState(dir, r.model().getNDManager()).step,
          "and step 2's training state");
    }
    // a save that starts from this state first completes the switch, then saves on top
    try (Model model = network(config)) {
      saveFilled(dir, model, config, 3);
    }
    try (Checkpoints.Restored r = Checkpoints.load(dir)) {
      assertEquals(Collections.singleton(3f), values(r));
    }
    assertFalse(new File(dir, Checkpoints.NEXT_PARAMS).exists());
  }

  @Test
  void damagedParametersAreRefusedWithOneLine() throws Exception {
    TrainingConfig config = config(32);
    File dir = dir("damaged");
    try (Model model = network(config)) {
      saveFilled(dir, model, config, 1);
    }
    try (RandomAccessFile f = new RandomAccessFile(new File(dir, Checkpoints.PARAMS), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Checkpoints.load(dir));
    assertTrue(
        e.getMessage().contains("network.params: does not match checkpoint.json"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
