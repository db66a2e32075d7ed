package dev.pocketdiffusion.trainer.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code zoo.tsv} lines are read: a plain line is {@code trainer train}, a line starting with a
 * command word is that command, and a student's teacher must be a model listed above it.
 */
class ZooSpecTest {
  @TempDir File dir;

  private static final String MOONS = "moons\tddim\t50\t0\t--dataset moons --seed 0";

  private List<ZooEntry> read(String... lines) throws IOException {
    File file = new File(dir, "zoo.tsv");
    Files.write(file.toPath(), Arrays.asList(lines), StandardCharsets.UTF_8);
    return ZooSpec.read(file);
  }

  private String refused(String... lines) {
    return assertThrows(InvalidInputException.class, () -> read(lines)).getMessage();
  }

  @Test
  void aStudentLineRunsItsCommandOnTheTeacherTheZooWrote() throws IOException {
    List<ZooEntry> zoo =
        read(
            "# a comment",
            MOONS,
            "moons-2call\teuler\t2\t0\tdistill --teacher models/moons.onnx --calls 2");
    ZooEntry teacher = zoo.get(0);
    ZooEntry student = zoo.get(1);
    assertEquals("train", teacher.trainer());
    assertNull(teacher.teacher());
    assertEquals("distill", student.trainer());
    assertSame(teacher, student.teacher());
    assertEquals("moons", student.dataset(), "a student is scored on its teacher's data");
    assertFalse(student.conditional());
    assertEquals(
        Arrays.asList("--teacher", "models/moons.onnx", "--calls", "2"), student.trainArgs());
    File out = new File(dir, "elsewhere");
    assertEquals(
        Arrays.asList("--teacher", new File(out, "moons.onnx").getPath(), "--calls", "2"),
        student.arguments(out));
    assertEquals(
        "trainer distill --teacher models/moons.onnx --calls 2 --out runs/zoo/moons-2call",
        student.command());
    assertEquals("trainer train --dataset moons --seed 0 --out runs/zoo/moons", teacher.command());
  }

  @Test
  void aTeacherMustBeListedAboveItsStudent() {
    String later =
        refused("moons-2call\teuler\t2\t0\tdistill --teacher models/moons.onnx --calls 2", MOONS);
    assertTrue(later.contains("zoo.tsv:1: ") && later.contains("listed after it"), later);
    String unknown =
        refused(MOONS, "dino-4call\teuler\t4\t0\tdistill --teacher models/dino.onnx --calls 4");
    assertTrue(unknown.contains("zoo.tsv:2: ") && unknown.contains("not a zoo model"), unknown);
    String cycle =
        refused(
            "a\teuler\t1\t0\treflow --teacher models/b.onnx",
            "b\teuler\t1\t0\treflow --teacher models/a.onnx");
    assertTrue(cycle.contains("listed after it"), cycle);
    String self = refused("a\teuler\t1\t0\treflow --teacher models/a.onnx");
    assertTrue(self.contains("itself"), self);
    for (String message : new String[] {later, unknown, cycle, self}) {
      assertFalse(message.contains("\n"), message);
    }
  }

  @Test
  void badStudentLinesSayWhatIsWrong() {
    String path = refused(MOONS, "s\teuler\t1\t0\tdistill --teacher runs/moons/model.onnx");
    assertTrue(path.contains("--teacher models/NAME.onnx"), path);
    String none = refused(MOONS, "s\teuler\t1\t0\tdistill --calls 1");
    assertTrue(none.contains("got none"), none);
    String word = refused("s\teuler\t1\t0\tdistil --teacher models/moons.onnx");
    assertTrue(word.contains("unknown trainer command 'distil'"), word);
    String twice = refused(MOONS, MOONS);
    assertTrue(twice.contains("listed twice"), twice);
  }
}
