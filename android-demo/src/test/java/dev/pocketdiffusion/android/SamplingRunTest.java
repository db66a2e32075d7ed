package dev.pocketdiffusion.android;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;

public class SamplingRunTest {
  private final Denoiser gaussian =
      new GaussianDenoiser(VpPath.of(VpSchedule.LINEAR, 1000), new double[] {1, -2}, 0.3);
  private final List<Frame> frames = new ArrayList<>();
  private RunReport report;

  private SamplingRun run(
      Denoiser denoiser, String sampler, int steps, AtomicBoolean cancel, int cancelAfter) {
    return new SamplingRun(
        denoiser,
        Samplers.create(sampler, steps),
        300,
        5,
        steps,
        FramePlan.forSteps(steps, 60),
        cancel,
        new SamplingRun.Sink() {
          @Override
          public void frame(Frame frame) {
            frames.add(frame);
            if (frame.step() == cancelAfter) {
              cancel.set(true);
            }
          }

          @Override
          public void finished(RunReport result) {
            report = result;
          }
        });
  }

  @Test
  public void framesFollowTheStepsAndTheLastIsTheLibrarysSample() {
    run(gaussian, "ddim", 20, new AtomicBoolean(), -1).run();
    assertEquals(RunReport.Outcome.DONE, report.outcome());
    assertEquals(20, report.steps());
    assertEquals(21, frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertEquals(i, frames.get(i).step());
    }
    assertEquals(1.0, frames.get(0).time(), 1e-12);
    Points expected = Sampling.generate(gaussian, Samplers.create("ddim", 20), 300, 5);
    float[] last = frames.get(20).xy();
    float[] want = new float[last.length];
    for (int i = 0; i < want.length; i++) {
      want[i] = (float) expected.data()[i];
    }
    assertArrayEquals(want, last, 0f);
    assertTrue(report.msPerStep() > 0 && report.totalMs() >= report.msPerStep());
    assertTrue(report.describe(), report.describe().startsWith("ddim: 20 steps, "));
  }

  @Test
  public void aFinishedRunReportsItsModelCallsAndMsPerSample() {
    int[] calls = {0};
    Denoiser counted =
        new Denoiser() {
          @Override
          public AffinePath path() {
            return gaussian.path();
          }

          @Override
          public Prediction prediction() {
            return gaussian.prediction();
          }

          @Override
          public int dimension() {
            return gaussian.dimension();
          }

          @Override
          public void predict(double[] x, double[] t, int n, double[] out) {
            calls[0]++;
            gaussian.predict(x, t, n, out);
          }
        };
    run(counted, "heun", 10, new AtomicBoolean(), -1).run();
    assertEquals(RunReport.Outcome.DONE, report.outcome());
    assertTrue("heun calls the model more than once a step: " + calls[0], calls[0] > 10);
    assertEquals(calls[0], report.calls());
    assertEquals(report.totalMs() / 300, report.msPerSample(), 1e-12);
    assertTrue(
        report.describe(),
        report.describe().startsWith("heun: 10 steps, " + calls[0] + " calls, ")
            && report.describe().contains(" ms per sample, "));
  }

  @Test
  public void aLongRunEndsWithItsFinalStateAsTheLastFrame() {
    run(gaussian, "ddpm", 1000, new AtomicBoolean(), -1).run();
    assertEquals(60, frames.size());
    assertEquals(986, frames.get(58).step());
    assertEquals(1000, frames.get(59).step());
  }

  @Test
  public void cancellingStopsAtTheNextStep() {
    run(gaussian, "ddpm", 1000, new AtomicBoolean(), 34).run();
    assertEquals(RunReport.Outcome.CANCELLED, report.outcome());
    assertEquals(34, report.steps());
    assertEquals(34, frames.get(frames.size() - 1).step());
    assertTrue(
        report.describe(), report.describe().startsWith("ddpm: cancelled after step 34 of 1000"));
  }

  @Test
  public void settingsTheSamplerRefusesEndAsAFailure() {
    Denoiser epsilonFlow =
        new GaussianDenoiser(new FlowPath(BaseDistribution.GAUSSIAN), new double[] {0, 0}, 1);
    run(epsilonFlow, "euler", 10, new AtomicBoolean(), -1).run();
    assertEquals(RunReport.Outcome.FAILED, report.outcome());
    assertNotNull(report.describe());
    assertTrue(
        report.describe(),
        report.describe().contains("epsilon prediction cannot be sampled on the flow path"));
  }
}
