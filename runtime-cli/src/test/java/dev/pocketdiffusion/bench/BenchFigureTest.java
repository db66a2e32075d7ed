package dev.pocketdiffusion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statistics and printing of benchmark figures. */
class BenchFigureTest {
  @Test
  void summarisesOddAndEvenCounts() {
    BenchFigure odd = new BenchFigure("f", "ms", BenchFigure.settingsOf(), 5, 1, 4, 2, 3);
    assertEquals(3, odd.median());
    assertEquals(1, odd.min());
    assertEquals(5, odd.max());
    assertEquals(4.0 / 3, odd.spread(), 1e-12);
    BenchFigure even = new BenchFigure("f", "ms", BenchFigure.settingsOf(), 4, 1, 3, 2);
    assertEquals(2.5, even.median());
    assertEquals(0, new BenchFigure("one", "x", BenchFigure.settingsOf(), 7).spread());
    assertThrows(
        IllegalArgumentException.class,
        () -> new BenchFigure("none", "x", BenchFigure.settingsOf()));
  }

  @Test
  void keepsSettingsInOrderAndPrintsThemWithEveryRow() {
    Map<String, Object> s = BenchFigure.settingsOf("ort_intra_op_threads", 2, "batch", 1000);
    BenchReport report = new BenchReport("test");
    report.add(new BenchFigure("forward", "ms/call", s, 2, 4));
    report.add(
        new BenchFigure(
            "forward",
            "ms/call",
            BenchFigure.settingsOf("ort_intra_op_threads", 1, "batch", 1000),
            9));
    assertEquals(
        9, report.find("forward", BenchFigure.settingsOf("ort_intra_op_threads", 1)).median());
    StringWriter w = new StringWriter();
    report.printTable(new PrintWriter(w));
    assertTrue(w.toString().contains("ort_intra_op_threads=2 batch=1000"), w.toString());
    assertTrue(report.toJson().contains("\"median\": 3.0"), report.toJson());
    assertThrows(
        IllegalStateException.class,
        () -> report.find("forward", BenchFigure.settingsOf("batch", 1)));
  }
}
