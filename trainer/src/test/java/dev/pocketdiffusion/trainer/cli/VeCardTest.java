package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.DataMoments;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defect 4: a ve model's card records its training data's mean and covariance, from which
 * ve sampling starts; vp and flow cards stay as they were, without them.
 */
class VeCardTest {
  @TempDir Path dir;

  private OnnxDenoiser train(String process, String name) {
    File run = dir.resolve(name).toFile();
    CliHarness result =
        CliHarness.trainer(
            "train",
            "--dataset",
            "moons",
            "--process",
            process,
            "--out",
            run.getPath(),
            "--steps",
            "10");
    assertEquals(0, result.exitCode, result.err);
    return OnnxDenoiser.load(new File(run, "model.onnx"));
  }

  @Test
  void veCardsCarryTheDataMomentsAndVpCardsDoNot() {
    try (OnnxDenoiser ve = train("ve", "ve");
        OnnxDenoiser vp = train("vp", "vp")) {
      DataMoments moments = ve.card().dataMoments();
      assertNotNull(moments, ve.card().toJson());
      File data = dir.resolve("moons.csv").toFile();
      assertEquals(
          0,
          CliHarness.trainer(
                  "dataset", "--dataset", "moons", "-n", "20000", "--out", data.getPath())
              .exitCode);
      Points points = dev.pocketdiffusion.io.PointsCsv.read(data);
      DataMoments fresh = DataMoments.of(points);
      for (int j = 0; j < 2; j++) {
        assertEquals(fresh.mean()[j], moments.mean()[j], 0.05, "mean of coordinate " + j);
        assertEquals(fresh.covariance()[3 * j], moments.covariance()[3 * j], 0.05, "variance " + j);
      }
      assertNull(vp.card().dataMoments(), vp.card().toJson());
    }
  }
}
