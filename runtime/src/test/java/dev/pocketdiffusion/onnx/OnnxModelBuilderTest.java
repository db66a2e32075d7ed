package dev.pocketdiffusion.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import java.io.File;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both loaders share one builder: the same options reach a baked sampler as a denoiser. */
class OnnxModelBuilderTest {
  private static final File BAKED = new File("../docs/demo/models/moons-ddim-50.onnx");
  private static final File MOONS = new File("../models/moons.onnx");

  @Test
  void aBuilderWithoutAModelSaysWhatIsRequired() {
    IllegalStateException denoiser =
        assertThrows(IllegalStateException.class, () -> OnnxDenoiser.builder().build());
    IllegalStateException baked =
        assertThrows(IllegalStateException.class, () -> OnnxBakedSampler.builder().build());
    assertTrue(denoiser.getMessage().contains("setModel"), denoiser.getMessage());
    assertTrue(baked.getMessage().contains("setModel"), baked.getMessage());
  }

  @Test
  void theBakedSamplerTakesThreadsAndProviderAsTheDenoiserDoes() throws Exception {
    Random random = new Random(5);
    double[] start = new double[2 * 32];
    for (int i = 0; i < start.length; i++) {
      start[i] = random.nextGaussian();
    }
    Points noise = new Points(32, 2, start);
    byte[] bytes = Files.readAllBytes(BAKED.toPath());
    try (OnnxBakedSampler byDefault = OnnxBakedSampler.load(BAKED);
        OnnxBakedSampler twoThreads =
            OnnxBakedSampler.builder()
                .setModelBytes(bytes, "moons-ddim-50")
                .optIntraOpThreads(2)
                .optExecutionProvider(ExecutionProvider.CPU)
                .build()) {
      assertArrayEquals(byDefault.sample(noise).data(), twoThreads.sample(noise).data(), 1e-6);
    }
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () ->
                OnnxBakedSampler.builder()
                    .setModel(BAKED)
                    .optExecutionProvider(ExecutionProvider.NNAPI)
                    .build());
    assertTrue(missing.getMessage().contains("nnapi"), missing.getMessage());
    InvalidInputException threads =
        assertThrows(
            InvalidInputException.class,
            () -> OnnxBakedSampler.builder().setModel(BAKED).optIntraOpThreads(0).build());
    assertTrue(threads.getMessage().contains("at least 1"), threads.getMessage());
  }

  @Test
  void eachLoaderRefusesTheOtherKindOfModelInOneLine() {
    InvalidInputException notBaked =
        assertThrows(
            InvalidInputException.class, () -> OnnxBakedSampler.builder().setModel(MOONS).build());
    assertTrue(notBaked.getMessage().contains("not a baked sampler"), notBaked.getMessage());
    InvalidInputException baked =
        assertThrows(
            InvalidInputException.class, () -> OnnxDenoiser.builder().setModel(BAKED).build());
    assertTrue(baked.getMessage().contains("baked sampler"), baked.getMessage());
  }
}
