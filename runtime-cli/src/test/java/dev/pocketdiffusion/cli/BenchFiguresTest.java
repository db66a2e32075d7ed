package dev.pocketdiffusion.cli;

import static dev.pocketdiffusion.bench.BenchFigure.settingsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pocketdiffusion.bench.BenchReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code runtime bench} turns its timings into figures by sampler name and batch size, not by
 * position.
 */
class BenchFiguresTest {
  /**
   * Two rounds at one thread; every timing distinct, so a figure read from the wrong slot shows.
   */
  private static BenchCommand.ThreadTimings timings() {
    BenchCommand.ThreadTimings t = new BenchCommand.ThreadTimings(1, 2);
    int k = 1;
    for (BenchCommand.SamplerRun run : BenchCommand.SAMPLERS) {
      for (int r = 0; r < 2; r++, k++) {
        t.run(run.sampler()).put(r, new BenchCommand.WallAndCpu(100 * k, 10 * k));
      }
    }
    for (int batch : BenchCommand.BATCHES) {
      for (int r = 0; r < 2; r++, k++) {
        t.call(batch).put(r, new BenchCommand.WallAndCpu(1000 * k, 7 * k));
      }
    }
    return t;
  }

  @Test
  void theLoopOverheadIsTheDdimRunOverFiftyCallsAtBatchThousand() {
    BenchCommand.ThreadTimings t = timings();
    BenchReport report = new BenchReport("test");
    BenchCommand.addModelFigures(report, List.of(t), 1);
    double[] ddim = t.run("ddim").wall;
    double[] calls = t.call(1000).wall;
    assertArrayEquals(
        new double[] {ddim[0] * 1000 / (50 * calls[0]), ddim[1] * 1000 / (50 * calls[1])},
        report
            .find("ddim50_over_50_batch1000_calls", settingsOf("ort_intra_op_threads", 1))
            .values());
    double[] ddimCpu = t.run("ddim").cpu;
    double[] callsCpu = t.call(1000).cpu;
    assertArrayEquals(
        new double[] {
          ddimCpu[0] * 1000 / (50 * callsCpu[0]), ddimCpu[1] * 1000 / (50 * callsCpu[1])
        },
        report
            .find("ddim50_over_50_batch1000_calls_cpu", settingsOf("ort_intra_op_threads", 1))
            .values());
    assertArrayEquals(callsCpu, report.find("model_call_cpu", settingsOf("batch", 1000)).values());
  }

  @Test
  void eachSamplerAndBatchFigureCarriesItsOwnTimings() {
    BenchCommand.ThreadTimings t = timings();
    BenchReport report = new BenchReport("test");
    BenchCommand.addModelFigures(report, List.of(t), 1);
    assertArrayEquals(
        t.run("heun").wall,
        report.find("sample_1000_points", settingsOf("sampler", "heun", "steps", "25")).values());
    assertArrayEquals(
        t.run("ddpm").cpu,
        report.find("sample_1000_points_cpu", settingsOf("sampler", "ddpm")).values());
    assertArrayEquals(
        t.call(10_000).wall, report.find("model_call", settingsOf("batch", 10_000)).values());
    assertEquals(
        5 + 3 + 3 + 1 + 1 + 5 + 1 + 1, report.figures().size(), "figures of one thread setting");
  }
}
