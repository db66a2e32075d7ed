package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.exporter.OnnxExporter;
import dev.pocketdiffusion.exporter.ParityCheck;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.paths.VpSchedule;
import dev.pocketdiffusion.trainer.blocks.DenoiserMlp;
import dev.pocketdiffusion.trainer.blocks.NetworkConfig;
import dev.pocketdiffusion.trainer.blocks.Preconditioned;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link EdmPreconditioning}: its coefficients, its noise-level draws and its exported graph. */
class EdmPreconditioningTest {
  private static final AffinePath[] PATHS = {
    VpPath.of(VpSchedule.LINEAR, 1000),
    VpPath.of(VpSchedule.COSINE, 1000),
    VePath.of(VeSchedule.GEOMETRIC),
    VePath.of(VeSchedule.SQRT),
    new FlowPath(BaseDistribution.GAUSSIAN)
  };

  @Test
  void theTargetOfFMakesDExactlyTheDataFromZeroNoiseToPureNoise() {
    EdmPreconditioning edm = new EdmPreconditioning(1.7);
    Random rng = new Random(3);
    for (AffinePath path : PATHS) {
      for (double t : new double[] {0, 1e-6, 0.01, 0.3, 0.77, 0.999, 1}) {
        PathPoint p = path.at(t);
        double x0 = rng.nextGaussian() * 2;
        double n = rng.nextGaussian();
        double x = p.a * x0 + p.b * n;
        double f = edm.targetWeightOfData(p) * x0 + edm.targetWeightOfNoise(p) * n;
        double d = edm.skip(p) * x + edm.outputScale(p) * f;
        assertEquals(x0, d, 1e-9 * (1 + Math.abs(x0)), path.process() + " at t = " + t);
        // F's input c_in·x/a has unit variance for data of std σd
        double sigma2 = p.b * p.b / (p.a * p.a);
        if (p.a > 0) {
          double variance = Math.pow(edm.inputScale(p) * p.a, 2) * (1.7 * 1.7 + sigma2);
          assertEquals(1, variance, 1e-9, path.process() + " at t = " + t);
        }
      }
    }
  }

  @Test
  void edmTimeSamplingDrawsLogNormalNoiseLevels() {
    for (AffinePath path :
        new AffinePath[] {VpPath.of(VpSchedule.LINEAR, 1000), VePath.of(VeSchedule.GEOMETRIC)}) {
      TimeSampler sampler =
          new TimeSampler(path, Prediction.X0, "edm:-1.0,0.8", "none", new EdmPreconditioning(1));
      Random rng = new Random(5);
      double sum = 0;
      double squares = 0;
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        TimeSampler.Draw d = sampler.draw(rng);
        double logSigma = Math.log(d.b / d.a);
        sum += logSigma;
        squares += logSigma * logSigma;
        assertEquals(1, d.lossWeight);
      }
      double mean = sum / n;
      // both paths span σ ≈ 0.01 … ≥ 10, so N(−1, 0.8²) is almost never clamped
      assertEquals(-1.0, mean, 0.03, path.process().cliName());
      assertEquals(0.8, Math.sqrt(squares / n - mean * mean), 0.03, path.process().cliName());
    }
  }

  @Test
  void refusesBadOptionsWithTheFix() {
    TrainingConfig config = new TrainingConfig();
    config.preconditioning = "edm";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
    assertTrue(e.getMessage().contains("--prediction x0"), e.getMessage());
    config.prediction = "x0";
    config.lossWeighting = "min-snr:5";
    e = assertThrows(IllegalArgumentException.class, config::validate);
    assertTrue(e.getMessage().contains("--loss-weighting"), e.getMessage());
    config.lossWeighting = "none";
    config.timeSampling = "edm:1";
    e = assertThrows(IllegalArgumentException.class, config::validate);
    assertTrue(e.getMessage().contains("edm:P_MEAN,P_STD"), e.getMessage());
    config.timeSampling = "edm";
    config.validate();
    config.preconditioning = "karras";
    e = assertThrows(IllegalArgumentException.class, config::validate);
    assertTrue(e.getMessage().contains("none or edm"), e.getMessage());
  }

  @Test
  void theExportedGraphComputesWhatDjlComputesAndHitsTheTableOnTheSteps() {
    for (AffinePath path :
        new AffinePath[] {VpPath.of(VpSchedule.LINEAR, 1000), VePath.of(VeSchedule.GEOMETRIC)}) {
      ModelCard card = ModelCard.create(path, Prediction.X0, 2);
      EdmPreconditioning edm = new EdmPreconditioning(1.3);
      try (Model model = Model.newInstance("edm")) {
        DenoiserMlp inner = new DenoiserMlp(new NetworkConfig().setWidth(32).setDepth(1));
        Block net = edm.wrap(inner, path, card);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2), new Shape(1));
        try (OnnxNetwork onnx =
            OnnxNetwork.open(OnnxExporter.export(net, card).toByteArray(), "edm", 1)) {
          ParityCheck.Report report =
              ParityCheck.run(net, model.getNDManager(), onnx, 2000, card.maxNetworkTime(), 0, 4);
          assertTrue(report.passed(), report.toString());
          assertTrue(report.maxAbsOutput() > 0.01, report.toString());
        }
        Preconditioned wrapped = (Preconditioned) net;
        double[] times =
            path.numTimesteps() > 0
                ? new double[] {path.timeOfStep(0), path.timeOfStep(417), path.timeOfStep(999)}
                : new double[] {0, 0.25, 0.5, 1};
        for (double t : times) {
          PathPoint p = path.at(t);
          double[] c = wrapped.coefficients(card.networkTime(t));
          assertEquals(edm.skip(p), c[0], 1e-5 * edm.skip(p) + 1e-7, "skip at t = " + t);
          assertEquals(edm.outputScale(p), c[1], 1e-5 * edm.outputScale(p) + 1e-7, "out " + t);
          assertEquals(edm.inputScale(p), c[2], 1e-5 * edm.inputScale(p), "in at t = " + t);
        }
      }
    }
  }
}
