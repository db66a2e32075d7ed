package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.trainer.training.RunFolder;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input to {@code trainer train} and {@code trainer dataset} (issue 16, classes 3, 4, 7):
 * each case exits with its code and one line, and leaves the files it was pointed at untouched.
 */
class HostileTrainTest {
  @TempDir Path tmp;

  /** A tiny run's options; a test's own value of one of them takes its place. */
  private static final String[] TINY = {
    "--dataset", "moons", "--steps", "30", "--batch-size", "16", "--width", "8"
  };

  private static void assertOneLine(CliHarness r, int code, String fragment) {
    assertEquals(code, r.exitCode, r.err);
    String err = r.err.trim();
    assertFalse(err.contains("\n") || err.contains("\tat "), "one line, no stack trace: " + err);
    assertTrue(err.contains(fragment), "'" + fragment + "' missing in: " + err);
  }

  private static String[] train(File out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(Arrays.asList(extra));
    for (int i = 0; i < TINY.length; i += 2) {
      boolean epochs = TINY[i].equals("--steps") && args.contains("--epochs");
      if (!args.contains(TINY[i]) && !epochs) {
        args.add(TINY[i]);
        args.add(TINY[i + 1]);
      }
    }
    args.add("--out");
    args.add(out.getPath());
    return args.toArray(new String[0]);
  }

  /** Every file under {@code dir} with its bytes, to compare before and after. */
  private static Map<String, String> snapshot(File dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!dir.exists()) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir.toPath())) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String bytes = Files.isRegularFile(p) ? Arrays.toString(Files.readAllBytes(p)) : "dir";
        files.put(dir.toPath().relativize(p).toString(), bytes);
      }
    }
    return files;
  }

  /** A folder that looks like a finished run. */
  private File finishedRun() throws IOException {
    File run = tmp.resolve("finished").toFile();
    assertTrue(new File(run, "checkpoint").mkdirs());
    Files.writeString(new File(run, "model.onnx").toPath(), "the user's model");
    Files.writeString(new File(run, "metrics.json").toPath(), "{}");
    Files.writeString(new File(run, "config.json").toPath(), "{\"dataset\": \"dino\"}");
    Files.writeString(new File(run, "checkpoint/checkpoint.json").toPath(), "{}");
    return run;
  }

  @Test
  void aFinishedRunIsNeverReplacedSilently() throws IOException {
    File run = finishedRun();
    Map<String, String> before = snapshot(run);
    assertOneLine(CliHarness.trainer(train(run)), 2, "holds a finished run (model.onnx)");
    assertOneLine(CliHarness.trainer(train(run)), 2, "pass --overwrite to replace it");
    assertEquals(before, snapshot(run));
  }

  @Test
  void aBadOptionWritesNothingEvenWithOverwrite() throws IOException {
    File run = finishedRun();
    Map<String, String> before = snapshot(run);
    assertOneLine(
        CliHarness.trainer(train(run, "--width", "100000", "--overwrite")),
        2,
        "--width must be in 1..4096, got 100000");
    assertEquals(before, snapshot(run));
    File fresh = tmp.resolve("fresh").toFile();
    assertOneLine(
        CliHarness.trainer(train(fresh, "--width", "100000")), 2, "--width must be in 1..4096");
    assertFalse(fresh.exists(), "not even the folder is created");
  }

  @Test
  void sizesAreBoundedBeforeAnyMemoryIsSpent() {
    String[][] cases = {
      {"--steps", "2000000000", "--steps must be in 1..10000000"},
      {"--batch-size", "1000000000", "--batch-size must be in 1..65536"},
      {"--epochs", "5000000", "--epochs 5000000 means 2500000000 steps, at most 10000000"},
      {"--depth", "100000", "--depth must be in 0..64"},
      {"--embedding-size", "1000000", "--embedding-size must be in 1..4096"},
      {"--threads", "10000", "--threads must be in 1..256"},
    };
    for (String[] c : cases) {
      File out = tmp.resolve("sizes").toFile();
      assertOneLine(CliHarness.trainer(train(out, c[0], c[1])), 2, c[2]);
      assertFalse(out.exists(), c[0] + " " + c[1] + " created the output folder");
    }
    File out = tmp.resolve("product").toFile();
    assertOneLine(
        CliHarness.trainer(
            "train",
            "--dataset",
            "moons",
            "--batch-size",
            "65536",
            "--width",
            "4096",
            "--out",
            out.getPath()),
        2,
        "--batch-size × width is 268435456, at most 67108864");
    assertOneLine(
        CliHarness.trainer("bench", "--quick", "--threads", "10000"),
        2,
        "--threads must be in 1..256, got 10000");
    assertOneLine(
        CliHarness.trainer("bench", "--quick", "--repeats", "2000000000"),
        2,
        "--repeats must be in 1..1000");
  }

  @Test
  void aDatasetDrawIsBounded() {
    File csv = tmp.resolve("d.csv").toFile();
    for (String n : new String[] {"500000000", "2000000000"}) {
      assertOneLine(
          CliHarness.trainer("dataset", "--dataset", "moons", "-n", n, "--out", csv.getPath()),
          2,
          "-n must be at most 10000000");
    }
    assertOneLine(
        CliHarness.trainer(
            "dataset", "--dataset", "moons", "-n", "3000000000", "--out", csv.getPath()),
        2,
        "-n");
    assertFalse(csv.exists());
  }

  @Test
  void aHugeImageIsRefusedFromItsHeader() throws IOException {
    File png = tmp.resolve("huge.png").toFile();
    ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", png);
    byte[] bytes = Files.readAllBytes(png.toPath());
    // IHDR starts at byte 8: length (4), "IHDR" (4), width (4), height (4), …; its CRC follows
    // the 13 data bytes and covers type and data.
    ByteBuffer.wrap(bytes).putInt(16, 30000).putInt(20, 30000);
    CRC32 crc = new CRC32();
    crc.update(bytes, 12, 17);
    ByteBuffer.wrap(bytes).putInt(29, (int) crc.getValue());
    Files.write(png.toPath(), bytes);
    File csv = tmp.resolve("d.csv").toFile();
    long start = System.nanoTime();
    assertOneLine(
        CliHarness.trainer(
            "dataset", "--dataset", "image:" + png, "-n", "10", "--out", csv.getPath()),
        1,
        "30000 × 30000 pixels, more than the 16777216");
    assertTrue(System.nanoTime() - start < 5e9, "refused before decoding");
    assertFalse(csv.exists());
  }

  @Test
  void aHeldRunFolderIsRefusedNamingItsHolder() throws IOException {
    File run = tmp.resolve("held").toFile();
    try (RunFolder held = RunFolder.claim(run, RunFolder.Mode.NEW)) {
      Map<String, String> before = snapshot(run);
      assertOneLine(
          CliHarness.trainer(train(run)),
          1,
          "is in use by another trainer (pid " + ProcessHandle.current().pid());
      assertEquals(before, snapshot(run));
    }
  }

  @Test
  void resumingACutShortFirstSaveSaysWhatItFound() throws IOException {
    File run = tmp.resolve("cut").toFile();
    File checkpoint = new File(run, "checkpoint");
    assertTrue(checkpoint.mkdirs());
    Files.write(new File(checkpoint, "network.params.next").toPath(), new byte[64]);
    assertOneLine(
        CliHarness.trainer("train", "--resume", "--out", run.getPath()),
        1,
        "no complete checkpoint (the first save was cut short");
  }

  @Test
  void overwriteReplacesAFinishedRun() throws IOException {
    File run = finishedRun();
    CliHarness r = CliHarness.trainer(train(run, "--overwrite"));
    assertEquals(0, r.exitCode, r.err);
    assertFalse(
        Files.readString(
                new File(run, "model.onnx").toPath(), java.nio.charset.StandardCharsets.ISO_8859_1)
            .equals("the user's model"));
    assertTrue(Files.readString(new File(run, "config.json").toPath()).contains("moons"));
    String[] hidden = run.list((d, name) -> name.startsWith(".") && !name.equals(RunFolder.LOCK));
    assertEquals(0, hidden.length, Arrays.toString(hidden));
  }

  @Test
  void anUnwritableOutputIsNamedInOneLine() throws IOException {
    File notADir = tmp.resolve("file").toFile();
    Files.writeString(notADir.toPath(), "x");
    File under = new File(notADir, "run");
    assertOneLine(
        CliHarness.trainer(train(under)), 1, under + ": cannot create the output directory");
    assertOneLine(
        CliHarness.trainer(train(notADir)), 2, notADir + ": --out exists and is not a directory");
    File proc = new File("/proc/pocket-diffusion.csv");
    assertOneLine(
        CliHarness.trainer("dataset", "--dataset", "moons", "-n", "10", "--out", proc.getPath()),
        1,
        proc + ": cannot write (");
    assertEquals("x", Files.readString(notADir.toPath()));
  }

  @Test
  void idxHeadersClaimingHugeCountsAreRefusedBeforeAllocating() throws IOException {
    File images = tmp.resolve("images.idx").toFile();
    File labels = tmp.resolve("labels.idx").toFile();
    ByteBuffer one = ByteBuffer.allocate(16 + 28 * 28).putInt(2051).putInt(1).putInt(28).putInt(28);
    Files.write(images.toPath(), one.array());
    Files.write(labels.toPath(), ByteBuffer.allocate(9).putInt(2049).putInt(2_000_000_000).array());
    File csv = tmp.resolve("d.csv").toFile();
    String mnist = "mnist:" + images + "," + labels;
    assertOneLine(
        CliHarness.trainer("dataset", "--dataset", mnist, "-n", "10", "--out", csv.getPath()),
        1,
        labels + ": implausible IDX header (2000000000 labels)");
    Files.write(
        images.toPath(),
        ByteBuffer.allocate(16).putInt(2051).putInt(1_000_000_000).putInt(28).putInt(28).array());
    assertOneLine(
        CliHarness.trainer("dataset", "--dataset", mnist, "-n", "10", "--out", csv.getPath()),
        1,
        images + ": implausible IDX header (1000000000 images of 28×28)");
    assertFalse(csv.exists());
  }

  @Test
  void ablateChecksEveryRunFolderFirstAndKeepsThemInsideOut() throws IOException {
    File out = tmp.resolve("ablate").toFile();
    File second = new File(out, "lr=0.001");
    assertTrue(second.mkdirs());
    Files.writeString(new File(second, "model.onnx").toPath(), "kept");
    assertOneLine(
        CliHarness.trainer(
            "ablate",
            "--param",
            "lr=0.01,0.001",
            "--dataset",
            "moons",
            "--steps",
            "5",
            "--out",
            out.getPath()),
        2,
        second + " holds a finished run (model.onnx)");
    assertEquals(List.of("lr=0.001"), Arrays.asList(out.list()), "the first run did not start");
    File escaping = AblateCommand.runFolder(out, "data=../../../x.tsv");
    assertEquals(out, escaping.getParentFile());
  }
}
