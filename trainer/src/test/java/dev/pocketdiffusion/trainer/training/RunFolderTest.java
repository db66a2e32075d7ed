package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder is owned by one trainer and never silently replaced. */
class RunFolderTest {
  @TempDir Path tmp;

  @Test
  void aSecondClaimIsRefusedNamingTheHolder() throws Exception {
    File dir = tmp.resolve("run").toFile();
    try (RunFolder held = RunFolder.claim(dir, RunFolder.Mode.NEW)) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class, () -> RunFolder.claim(dir, RunFolder.Mode.OVERWRITE));
      assertTrue(
          e.getMessage()
              .contains("in use by another trainer (pid " + ProcessHandle.current().pid()),
          e.getMessage());
    }
    assertEquals(
        "",
        Files.readString(new File(dir, RunFolder.LOCK).toPath()),
        "released: the lock file names no one");
    RunFolder.claim(dir, RunFolder.Mode.NEW).close(); // free again
  }

  @Test
  void staleTemporariesOfAKilledWriterAreRemovedAtTheNextStart() throws Exception {
    File dir = tmp.resolve("run").toFile();
    File checkpoint = new File(dir, "checkpoint");
    assertTrue(checkpoint.mkdirs());
    File[] stale = {
      new File(dir, ".model.onnx.123.tmp"), new File(checkpoint, ".network.params.next.9.tmp")
    };
    for (File f : stale) {
      Files.write(f.toPath(), new byte[1000]);
    }
    File keep = new File(dir, "notes.txt");
    Files.writeString(keep.toPath(), "mine");
    RunFolder.claim(dir, RunFolder.Mode.NEW).close();
    for (File f : stale) {
      assertFalse(f.exists(), f + " left behind");
    }
    assertTrue(keep.exists(), "a user's own file stays");
  }

  @Test
  void aFinishedRunNeedsOverwriteWhichRemovesItsFiles() throws Exception {
    File dir = tmp.resolve("run").toFile();
    File checkpoint = new File(dir, "checkpoint");
    assertTrue(checkpoint.mkdirs());
    File model = new File(dir, "model.onnx");
    Files.writeString(model.toPath(), "old model");
    Files.writeString(new File(checkpoint, Checkpoints.META).toPath(), "{}");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RunFolder.claim(dir, RunFolder.Mode.NEW));
    assertTrue(e.getMessage().contains("holds a finished run (model.onnx)"), e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    assertArrayEquals(
        "old model".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(model.toPath()));
    RunFolder.claim(dir, RunFolder.Mode.OVERWRITE).close();
    assertFalse(model.exists());
    assertFalse(new File(checkpoint, Checkpoints.META).exists());
  }

  @Test
  void anInterruptedRunPointsAtResume() throws Exception {
    File dir = tmp.resolve("run").toFile();
    File checkpoint = new File(dir, "checkpoint");
    assertTrue(checkpoint.mkdirs());
    Files.writeString(new File(checkpoint, Checkpoints.META).toPath(), "{}");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RunFolder.check(dir, RunFolder.Mode.NEW));
    assertTrue(e.getMessage().contains("continue it with --resume"), e.getMessage());
    RunFolder.check(dir, RunFolder.Mode.RESUME);
  }

  @Test
  void aFileIsNoRunFolder() throws Exception {
    File file = tmp.resolve("file").toFile();
    Files.writeString(file.toPath(), "x");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RunFolder.claim(file, RunFolder.Mode.OVERWRITE));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    assertEquals("x", Files.readString(file.toPath()));
  }
}
