package dev.pocketdiffusion.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link NoiseProcess}: names, the paths it builds, and which options each process takes. */
class NoiseProcessTest {

  @Test
  void namesRoundTripAndAnUnknownNameListsTheChoices() {
    for (NoiseProcess process : NoiseProcess.values()) {
      assertSame(process, NoiseProcess.parse(process.cliName()));
      assertEquals(process.cliName(), process.toString());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NoiseProcess.parse("VP"));
    assertEquals("unknown process 'VP' (choose one of: vp, ve, flow)", e.getMessage());
  }

  @Test
  void buildsThePathsOfEachProcessWithTheirDefaultRanges() {
    assertSamePath(
        VpPath.of(VpSchedule.COSINE, 500), NoiseProcess.VP.path("cosine", "ignored", 500));
    assertSamePath(VePath.of(VeSchedule.SQRT), NoiseProcess.VE.path("sqrt", "ignored", 0));
    assertSamePath(
        new FlowPath(BaseDistribution.ANNULUS), NoiseProcess.FLOW.path("ignored", "annulus", 0));
    assertSamePath(
        new VpPath(VpSchedule.LINEAR, 100, 1e-3, 0.05),
        NoiseProcess.VP.path("linear", null, 100, 1e-3, 0.05));
    assertSamePath(
        new VePath(VeSchedule.GEOMETRIC, 0.1, 5),
        NoiseProcess.VE.path("geometric", null, 0, 0.1, 5));
    for (NoiseProcess process : NoiseProcess.values()) {
      assertSame(process, process.path("linear", "gaussian", 10).process());
    }
  }

  @Test
  void onlyFlowRefusesASchedule() {
    NoiseProcess.VP.checkTakesSchedule();
    NoiseProcess.VE.checkTakesSchedule();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, NoiseProcess.FLOW::checkTakesSchedule);
    assertTrue(e.getMessage().contains("--schedule does not apply to the flow"), e.getMessage());
  }

  private static void assertSamePath(AffinePath expected, AffinePath actual) {
    assertEquals(expected.getClass(), actual.getClass());
    assertEquals(expected.numTimesteps(), actual.numTimesteps());
    assertEquals(expected.base(), actual.base());
    for (double t : new double[] {0, 0.013, 0.5, 0.77, 1}) {
      PathPoint e = expected.at(t);
      PathPoint a = actual.at(t);
      assertEquals(e.toString(), a.toString(), "t = " + t);
    }
  }
}
