package dev.pocketdiffusion.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DdimSampler;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.TimeGrid;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Progressive distillation's target on Gaussian data, where the teacher is the exact denoiser and
 * two DDIM steps have a closed form: the teacher's two steps land where that closed form says, and
 * one DDIM step of a student that predicts the target lands on the same point, in every prediction;
 * the grids of K and 2K steps nest.
 */
class ProgressiveDistillationTest {
  private static final double MEAN = 0.7;
  private static final double STD = 0.3;

  /** One exact DDIM step of N(MEAN, STD²) data in one coordinate, written out by hand. */
  private static double exactStep(double z, PathPoint now, PathPoint next) {
    double variance = now.a * now.a * STD * STD + now.b * now.b;
    double clean = MEAN + now.a * STD * STD * (z - now.a * MEAN) / variance;
    double noise = now.b * (z - now.a * MEAN) / variance;
    return next.a * clean + next.b * noise;
  }

  @Test
  void oneStudentStepLandsWhereTwoExactTeacherStepsDo() {
    AffinePath[] paths = {
      NoiseProcess.VP.path("linear", "gaussian", 1000),
      NoiseProcess.FLOW.path("linear", "gaussian", 0)
    };
    for (AffinePath path : paths) {
      Prediction taught = path.process() == NoiseProcess.FLOW ? Prediction.X0 : Prediction.EPSILON;
      Denoiser teacher = new GaussianDenoiser(path, new double[] {MEAN, MEAN}, STD, taught);
      double[] grid = TimeGrid.of(path, 8, ProgressiveDistillation.SPACING);
      int n = 4;
      int dim = 2;
      double[] from = new double[n];
      double[] middle = new double[n];
      double[] to = new double[n];
      double[] z = new double[n * dim];
      Random rng = new Random(3);
      for (int i = 0; i < n; i++) { // rows at different student steps, the last one to t = 0
        from[i] = grid[2 * i];
        middle[i] = grid[2 * i + 1];
        to[i] = grid[2 * i + 2];
        for (int j = 0; j < dim; j++) {
          z[i * dim + j] = rng.nextGaussian();
        }
      }
      double[] landed = ProgressiveDistillation.twoTeacherSteps(teacher, z, from, middle, to, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < dim; j++) {
          double expected =
              exactStep(
                  exactStep(z[i * dim + j], path.at(from[i]), path.at(middle[i])),
                  path.at(middle[i]),
                  path.at(to[i]));
          assertEquals(expected, landed[i * dim + j], 1e-9, path.process() + " row " + i);
        }
      }
      assertEquals(0.0, to[n - 1]);
      for (Prediction prediction : Prediction.values()) {
        if (prediction == Prediction.EPSILON && path.process() == NoiseProcess.FLOW) {
          continue; // ε cannot be sampled on flow (a(1) = 0)
        }
        float[] target = new float[n * dim];
        ProgressiveDistillation.targets(prediction, path, z, landed, from, to, n, dim, target);
        double[] student = z.clone();
        DdimSampler.step(fixedOutput(path, prediction, target), student, from, to, n);
        for (int k = 0; k < n * dim; k++) {
          assertEquals(
              landed[k], student[k], 1e-4 * (1 + Math.abs(landed[k])), path + " " + prediction);
        }
      }
    }
  }

  @Test
  void trailingGridsNestWhenTheStepsHalve() {
    AffinePath[] paths = {
      NoiseProcess.VP.path("linear", "gaussian", 1000),
      NoiseProcess.FLOW.path("linear", "gaussian", 0)
    };
    for (AffinePath path : paths) {
      for (int k = 1; k <= 256; k *= 2) {
        double[] coarse = TimeGrid.of(path, k, ProgressiveDistillation.SPACING);
        double[] fine = TimeGrid.of(path, 2 * k, ProgressiveDistillation.SPACING);
        double[] everyOther = new double[k + 1];
        for (int i = 0; i <= k; i++) {
          everyOther[i] = fine[2 * i];
        }
        assertArrayEquals(coarse, everyOther, path.process() + " K = " + k);
        assertEquals(1.0, coarse[0], path.process() + ": a trailing grid starts at t = 1");
      }
    }
  }

  @Test
  void roundsEndWhereTheStudentBecomesTheTeacher() {
    AffinePath path = NoiseProcess.FLOW.path("linear", "gaussian", 0);
    Denoiser teacher = new GaussianDenoiser(path, new double[] {MEAN}, STD, Prediction.X0);
    ProgressiveDistillation pd =
        new ProgressiveDistillation(
            teacher,
            16,
            3,
            100,
            path,
            Prediction.X0,
            dev.pocketdiffusion.card.ModelCard.create(path, Prediction.X0, 1));
    assertEquals(2, pd.studentSteps());
    assertArrayEquals(new int[] {100, 200}, pd.roundEnds());
    assertTrue(
        assertThrowsIllegal(
            () -> new ProgressiveDistillation(teacher, 12, 3, 100, path, Prediction.X0, null)));
  }

  private static boolean assertThrowsIllegal(Runnable r) {
    try {
      r.run();
      return false;
    } catch (IllegalArgumentException e) {
      return e.getMessage().contains("divisible");
    }
  }

  /** A denoiser whose output for row i is row i of {@code out}, whatever its input. */
  private static Denoiser fixedOutput(AffinePath path, Prediction prediction, float[] out) {
    return new Denoiser() {
      @Override
      public AffinePath path() {
        return path;
      }

      @Override
      public Prediction prediction() {
        return prediction;
      }

      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public void predict(double[] x, double[] t, int n, double[] result) {
        for (int k = 0; k < n * 2; k++) {
          result[k] = out[k];
        }
      }
    };
  }
}
