package dev.pocketdiffusion.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.onnx.OnnxBakedSampler;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.StepListener;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A baked sampler run by ONNX Runtime matches the runtime's own sampler from the same starting draw
 * to 1e-4, for every bakeable sampler at 15 and 50 steps on the shipped moons model, and for a
 * conditional model with guidance; samplers that cannot be baked are refused in one line.
 */
class BakeParityTest {
  private static final File MOONS = new File("../models/moons.onnx");
  private static final File SQUARES = new File("../models/squares.onnx");
  private static OnnxDenoiser moons;
  private static byte[] moonsBytes;

  @BeforeAll
  static void open() throws IOException {
    moons = OnnxDenoiser.load(MOONS);
    moonsBytes = Files.readAllBytes(MOONS.toPath());
  }

  @AfterAll
  static void close() {
    moons.close();
  }

  private static Points draws(int n, int dim, long seed) {
    Random rng = new Random(seed);
    double[] z = new double[n * dim];
    for (int i = 0; i < z.length; i++) {
      z[i] = rng.nextGaussian();
    }
    return new Points(n, dim, z);
  }

  private static double maxDiff(Points a, Points b) {
    double worst = 0;
    for (int i = 0; i < a.data().length; i++) {
      worst = Math.max(worst, Math.abs(a.data()[i] - b.data()[i]));
    }
    return worst;
  }

  private static OnnxBakedSampler load(byte[] model) {
    return OnnxBakedSampler.builder().setModelBytes(model, "baked").build();
  }

  @Test
  void everyBakeableSamplerMatchesTheRuntimeOnMoons() {
    Points z = draws(64, 2, 7);
    assertTrue(SamplerBaker.bakeable().contains("ddim"));
    for (String sampler : SamplerBaker.bakeable()) {
      for (int steps : new int[] {15, 50}) {
        byte[] baked =
            SamplerBaker.bake(moonsBytes, MOONS.getPath(), sampler, steps, null).toByteArray();
        Points expected =
            Sampling.generate(moons, Samplers.create(sampler, steps), z, 0, StepListener.NONE);
        try (OnnxBakedSampler model = load(baked)) {
          assertEquals(sampler, model.card().bakedSampler());
          assertEquals(steps, model.card().bakedSteps());
          double diff = maxDiff(expected, model.sample(z));
          assertTrue(diff <= 1e-4, sampler + " " + steps + ": max |Δ| " + diff);
        }
      }
    }
  }

  @Test
  void theLoopPrototypeMatchesAndRefusesMultistepSamplers() {
    Points z = draws(40, 2, 11);
    byte[] loop =
        SamplerBaker.bake(moonsBytes, MOONS.getPath(), "ddim", 15, null, true).toByteArray();
    Points expected =
        Sampling.generate(moons, Samplers.create("ddim", 15), z, 0, StepListener.NONE);
    try (OnnxBakedSampler model =
        OnnxBakedSampler.builder().setModelBytes(loop, "loop").optAllowAnyOperator(true).build()) {
      double diff = maxDiff(expected, model.sample(z));
      assertTrue(diff <= 1e-4, "loop: max |Δ| " + diff);
    }
    IllegalArgumentException multistep =
        assertThrows(
            IllegalArgumentException.class,
            () -> SamplerBaker.bake(moonsBytes, "moons.onnx", "dpm++2m", 15, null, true));
    assertTrue(multistep.getMessage().startsWith("--loop needs"), multistep.getMessage());
  }

  @Test
  void conditionalModelWithGuidanceMatches() throws IOException {
    byte[] bytes = Files.readAllBytes(SQUARES.toPath());
    Points z = draws(50, 2, 3);
    byte[] baked = SamplerBaker.bake(bytes, SQUARES.getPath(), "dpm++2m", 15, null).toByteArray();
    try (OnnxDenoiser model = OnnxDenoiser.load(SQUARES);
        OnnxBakedSampler bakedModel = load(baked)) {
      for (double guidance : new double[] {1, 2.5}) {
        Denoiser guided = Guidance.of(model, 2, guidance);
        Points expected =
            Sampling.generate(guided, Samplers.create("dpm++2m", 15), z, 0, StepListener.NONE);
        double diff = maxDiff(expected, bakedModel.sample(z, 2, guidance));
        assertTrue(diff <= 1e-4, "guidance " + guidance + ": max |Δ| " + diff);
      }
      Points unconditional =
          Sampling.generate(model, Samplers.create("dpm++2m", 15), z, 0, StepListener.NONE);
      assertTrue(maxDiff(unconditional, bakedModel.sample(z)) <= 1e-4);
    }
  }

  @Test
  void stochasticAndUnknownSamplersAreRefusedInOneLine() {
    for (String sampler : new String[] {"ddpm", "euler-maruyama", "euler-a", "dpm++2m-sde"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> SamplerBaker.bake(moonsBytes, "moons.onnx", sampler, 10, null));
      assertTrue(e.getMessage().contains("draws fresh noise"), e.getMessage());
      assertTrue(e.getMessage().contains("ddim, euler, heun"), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"));
    }
    IllegalArgumentException adaptive =
        assertThrows(
            IllegalArgumentException.class,
            () -> SamplerBaker.bake(moonsBytes, "moons.onnx", "adaptive", 10, null));
    assertTrue(adaptive.getMessage().contains("picks its steps"), adaptive.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> SamplerBaker.bake(moonsBytes, "moons.onnx", "ddim2", 10, null));
    assertTrue(unknown.getMessage().startsWith("unknown sampler 'ddim2'"), unknown.getMessage());
    assertThrows(
        RuntimeException.class,
        () -> SamplerBaker.bake(new byte[] {1, 2, 3}, "junk.onnx", "ddim", 10, null));
  }
}
