package dev.pocketdiffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Samplers run on the exact denoiser of Gaussian data N(μ, s²I). With that denoiser every DDIM/DDPM
 * step is linear-Gaussian in x, so the exact mean and variance of the discrete chain follow in
 * closed form by propagating {@code x_s − a_s·μ = k·(x_t − a_t·μ) + σ·z} with {@code k =
 * (a_s·a_t·s² + √(b_s² − σ²)·b_t) / (a_t²s² + b_t²)}. Sample moments are checked against them
 * within 5 standard errors (from the sample size), and the chain itself must converge to N(μ, s²)
 * as the step count grows.
 */
class GaussianSamplingTest {
  private static final double[] MEAN = {1.5, -0.5};
  private static final double STD = 0.4;
  private static final int N = 20_000;

  /** Exact {mean offset factor, variance} of the chain; final mean = μ − factor·a₁·μ. */
  private static double[] chainMoments(AffinePath path, int steps, double eta) {
    double[] times = TimeGrid.of(path, steps, TimestepSpacing.LINSPACE);
    double factor = 1;
    double b1 = path.at(1.0).b;
    double variance = b1 * b1; // the run starts from b(1)·z
    for (int i = 0; i < steps; i++) {
      PathPoint now = path.at(times[i]);
      PathPoint next = path.at(times[i + 1]);
      double ratio = (now.a * next.b) / (next.a * now.b);
      double sigma = eta * next.b * Math.sqrt(Math.max(0, 1 - ratio * ratio));
      double c = Math.sqrt(Math.max(0, next.b * next.b - sigma * sigma));
      double k =
          (next.a * now.a * STD * STD + c * now.b) / (now.a * now.a * STD * STD + now.b * now.b);
      factor *= k;
      variance = k * k * variance + sigma * sigma;
    }
    return new double[] {factor, variance};
  }

  @ParameterizedTest(name = "{0} {1} steps, {2} schedule")
  @CsvSource({
    "ddpm, 1000, linear", "ddpm, 100, linear", "ddpm, 50, cosine",
    "ddim, 50, linear", "ddim, 20, cosine", "ddim, 200, linear"
  })
  void samplesHaveTheExactMomentsOfTheDiscreteChain(String sampler, int steps, String schedule) {
    VpPath path = VpPath.of(VpSchedule.parse(schedule), 1000);
    GaussianDenoiser denoiser = new GaussianDenoiser(path, MEAN, STD);
    Points samples = Sampling.generate(denoiser, Samplers.create(sampler, steps), N, 11);
    double[] moments = chainMoments(path, steps, sampler.equals("ddpm") ? 1 : 0);
    double a1 = path.at(1.0).a;
    double expectedStd = Math.sqrt(moments[1]);
    for (int j = 0; j < 2; j++) {
      double mean = 0;
      for (int i = 0; i < N; i++) {
        mean += samples.get(i, j);
      }
      mean /= N;
      double var = 0;
      for (int i = 0; i < N; i++) {
        var += Math.pow(samples.get(i, j) - mean, 2);
      }
      double std = Math.sqrt(var / (N - 1));
      double expectedMean = MEAN[j] - moments[0] * a1 * MEAN[j];
      assertEquals(expectedMean, mean, 5 * expectedStd / Math.sqrt(N), "mean of coordinate " + j);
      assertEquals(
          expectedStd, std, 5 * expectedStd / Math.sqrt(2.0 * N), "std of coordinate " + j);
    }
  }

  @Test
  void theDiscreteChainsConvergeToTheDataDistribution() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    for (double eta : new double[] {0, 1}) {
      double coarse = Math.abs(Math.sqrt(chainMoments(path, 20, eta)[1]) - STD);
      double fine = Math.abs(Math.sqrt(chainMoments(path, 1000, eta)[1]) - STD);
      assertTrue(fine < coarse / 10, "eta " + eta + ": error " + fine + " vs " + coarse);
      assertTrue(fine < 0.01 * STD, "eta " + eta + ": 1000-step std off by " + fine);
    }
  }

  @Test
  void ddimWithoutNoiseIsDeterministicAndIsTheExactLinearMap() {
    VpPath path = VpPath.of(VpSchedule.LINEAR, 1000);
    GaussianDenoiser denoiser = new GaussianDenoiser(path, MEAN, STD);
    Points a = Sampling.generate(denoiser, Samplers.create("ddim", 50), 4, 5);
    Points b = Sampling.generate(denoiser, Samplers.create("ddim", 50), 4, 5);
    assertArrayEquals(a.data(), b.data(), 0);
    double[] moments = chainMoments(path, 50, 0);
    double a1 = path.at(1.0).a;
    Random rng = new Random(5);
    for (int i = 0; i < 8; i++) {
      double z = path.at(1.0).b * rng.nextGaussian();
      double mu = MEAN[i % 2];
      assertEquals(mu + moments[0] * (z - a1 * mu), a.data()[i], 1e-12);
    }
  }

  @Test
  void ddpmDependsOnTheSeed() {
    GaussianDenoiser denoiser = new GaussianDenoiser(VpPath.of(VpSchedule.LINEAR, 1000), MEAN, STD);
    Points a = Sampling.generate(denoiser, Samplers.create("ddpm", 20), 16, 1);
    Points b = Sampling.generate(denoiser, Samplers.create("ddpm", 20), 16, 1);
    Points c = Sampling.generate(denoiser, Samplers.create("ddpm", 20), 16, 2);
    assertArrayEquals(a.data(), b.data(), 0);
    assertTrue(Math.abs(a.data()[0] - c.data()[0]) > 1e-6);
  }
}
