package dev.pocketdiffusion.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ExecutionProviderTest {
  private static final File MOONS = new File("../models/moons.onnx");

  private static Points sample(OnnxDenoiser model) {
    return Sampling.generate(model, Samplers.create("ddim", 10), 64, 3);
  }

  @Test
  void cpuIsAlwaysThereAndIsTheDefault() throws Exception {
    assertEquals(ExecutionProvider.CPU, ExecutionProvider.available().get(0));
    byte[] bytes = Files.readAllBytes(MOONS.toPath());
    try (OnnxDenoiser byDefault = OnnxDenoiser.load(MOONS);
        OnnxDenoiser onCpu =
            OnnxDenoiser.builder()
                .setModelBytes(bytes, "moons")
                .optExecutionProvider(ExecutionProvider.CPU)
                .optIntraOpThreads(2)
                .build()) {
      assertArrayEquals(sample(byDefault).data(), sample(onCpu).data(), 1e-6);
    }
  }

  @Test
  void aProviderMissingFromThisBuildIsRefusedInOneLine() throws Exception {
    // the desktop ONNX Runtime has no NNAPI (an Android API); the app offers only what available()
    // lists
    assertFalse(ExecutionProvider.NNAPI.isAvailable());
    assertFalse(ExecutionProvider.available().contains(ExecutionProvider.NNAPI));
    byte[] bytes = Files.readAllBytes(MOONS.toPath());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                OnnxDenoiser.builder()
                    .setModelBytes(bytes, "moons")
                    .optExecutionProvider(ExecutionProvider.NNAPI)
                    .build());
    assertTrue(
        e.getMessage().startsWith("execution provider nnapi is not in this ONNX Runtime build"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
