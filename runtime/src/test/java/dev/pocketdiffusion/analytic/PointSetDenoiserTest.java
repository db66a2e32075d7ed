package dev.pocketdiffusion.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import org.junit.jupiter.api.Test;

/**
 * The Step-by-Step Diffusion experiments' experiment 2: trajectories from a two-point mixture end
 * at one of the two points.
 */
class PointSetDenoiserTest {
  private static final Points TWO = new Points(2, 2, new double[] {1, 1, -1.5, 0.5});

  @Test
  void everyTrajectoryEndsAtOneOfTheTwoPoints() {
    PointSetDenoiser denoiser = new PointSetDenoiser(VpPath.of(VpSchedule.LINEAR, 1000), TWO);
    for (String sampler : new String[] {"ddim", "ddpm"}) {
      Points samples = Sampling.generate(denoiser, Samplers.create(sampler, 100), 2000, 3);
      int nearFirst = 0;
      for (int i = 0; i < samples.size(); i++) {
        double toFirst = Math.sqrt(samples.squaredDistance(i, TWO, 0));
        double toSecond = Math.sqrt(samples.squaredDistance(i, TWO, 1));
        assertTrue(
            Math.min(toFirst, toSecond) < 1e-6,
            sampler + ": point " + i + " ended between the points");
        nearFirst += toFirst < toSecond ? 1 : 0;
      }
      // each point is chosen with probability 1/2: within 5 standard errors of 1000
      assertEquals(1000, nearFirst, 5 * Math.sqrt(2000 * 0.25), sampler + " mode balance");
    }
  }

  @Test
  void predictsTheNearerPointWhenNoiseIsSmallAndTheMeanWhenLarge() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    PointSetDenoiser denoiser = new PointSetDenoiser(path, TWO);
    double[] out = new double[2];
    denoiser.predict(new double[] {0.99, 1.02}, new double[] {0.001}, 1, out);
    assertEquals(1, out[0], 1e-9);
    assertEquals(1, out[1], 1e-9);
    denoiser.predict(new double[] {0.0, 0.0}, new double[] {1.0}, 1, out);
    assertEquals(-0.25, out[0], 1e-3);
    assertEquals(0.75, out[1], 1e-3);
  }
}
