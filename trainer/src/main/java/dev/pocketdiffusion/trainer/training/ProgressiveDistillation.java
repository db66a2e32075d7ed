package dev.pocketdiffusion.trainer.training;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DdimSampler;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.TimeGrid;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import java.util.Random;

/**
 * Progressive distillation (Salimans &amp; Ho 2022): in each round the student learns to take in
 * one deterministic DDIM step what two DDIM steps of its teacher take, so each round halves the
 * steps; the next round's teacher is the student of the round before. Round r's teacher walks the
 * {@link TimeGrid} of N/2^r steps with {@link #SPACING} spacing (N the first teacher's steps), its
 * student the grid of half as many steps, which is every other time of the teacher's (the grids
 * nest). The last student is sampled with DDIM on the grid of K steps.
 *
 * <p>As a {@link TrainingBatch.Targets}, it turns each batch's data rows x and base draws ε into a
 * student time t of the round's grid, the noisy point z_t = a_t·x + b_t·ε, and the target: the x̂0
 * with which one DDIM step from z_t lands where the teacher's two steps do ({@link
 * DdimSampler#cleanLandingOn}), in the student's prediction. The teacher runs through ONNX Runtime,
 * one batched call per teacher step.
 */
public final class ProgressiveDistillation implements TrainingBatch.Targets, AutoCloseable {
  /** The spacing of every grid: trailing grids start at t = 1 and nest when the steps halve. */
  public static final TimestepSpacing SPACING = TimestepSpacing.TRAILING;

  private final AffinePath path;
  private final Prediction prediction;
  private final ModelCard card;
  private final int firstSteps;
  private final int rounds;
  private final int stepsPerRound;
  private Denoiser teacher;
  private OnnxDenoiser ownTeacher;
  private int round;
  private double teacherSeconds;

  /** Seconds spent exporting each round's student and loading it as the next teacher. */
  double handOverSeconds;

  /**
   * Distils {@code teacher}, sampled with DDIM in {@code firstSteps} steps, in {@code rounds}
   * rounds of {@code stepsPerRound} optimiser steps each, into a student on the same path that
   * predicts {@code prediction} and whose network takes times as {@code card} maps them.
   *
   * @throws IllegalArgumentException unless {@code firstSteps} is divisible by 2^rounds
   */
  public ProgressiveDistillation(
      Denoiser teacher,
      int firstSteps,
      int rounds,
      int stepsPerRound,
      AffinePath path,
      Prediction prediction,
      ModelCard card) {
    if (rounds < 1 || firstSteps % (1 << rounds) != 0) {
      throw new IllegalArgumentException(
          "progressive distillation needs teacher steps divisible by 2^rounds, got "
              + firstSteps
              + " steps and "
              + rounds
              + " rounds");
    }
    this.teacher = teacher;
    this.firstSteps = firstSteps;
    this.rounds = rounds;
    this.stepsPerRound = stepsPerRound;
    this.path = path;
    this.prediction = prediction;
    this.card = card;
  }

  /** The K steps of the last round's student. */
  public int studentSteps() {
    return firstSteps >> rounds;
  }

  /** The optimiser steps after which a round ends and the student becomes the next teacher. */
  public int[] roundEnds() {
    int[] ends = new int[rounds - 1];
    for (int r = 0; r < rounds - 1; r++) {
      ends[r] = (r + 1) * stepsPerRound;
    }
    return ends;
  }

  /** Seconds spent in the teachers' calls so far. */
  public double teacherSeconds() {
    return teacherSeconds;
  }

  /**
   * Makes {@code student} (the model exported at the end of a round) the next round's teacher; this
   * object closes it.
   */
  public void nextRound(OnnxDenoiser student) {
    if (ownTeacher != null) {
      ownTeacher.close();
    }
    ownTeacher = student;
    teacher = student;
    round++;
  }

  @Override
  public void fill(double[] points, double[] bases, TrainingBatch batch, Random rng) {
    int size = batch.size;
    int dim = batch.dim;
    double[] grid = TimeGrid.of(path, firstSteps >> round, SPACING);
    int studentSteps = (grid.length - 1) / 2;
    double[] from = new double[size];
    double[] middle = new double[size];
    double[] to = new double[size];
    double[] z = new double[size * dim];
    for (int i = 0; i < size; i++) {
      int k = rng.nextInt(studentSteps);
      from[i] = grid[2 * k];
      middle[i] = grid[2 * k + 1];
      to[i] = grid[2 * k + 2];
      PathPoint p = path.at(from[i]);
      for (int j = 0; j < dim; j++) {
        z[i * dim + j] = p.a * points[i * dim + j] + p.b * bases[i * dim + j];
      }
      batch.networkTimes[i] = card.networkTime(from[i]);
      batch.lossWeights[i] = 1;
    }
    long start = System.nanoTime();
    double[] landed = twoTeacherSteps(teacher, z, from, middle, to, size);
    teacherSeconds += (System.nanoTime() - start) / 1e9;
    targets(prediction, path, z, landed, from, to, size, dim, batch.target);
    for (int j = 0; j < size * dim; j++) {
      batch.noisy[j] = (float) z[j];
    }
  }

  /** Where two deterministic DDIM steps of {@code teacher} take z: from → middle → to, per row. */
  static double[] twoTeacherSteps(
      Denoiser teacher, double[] z, double[] from, double[] middle, double[] to, int n) {
    double[] x = z.clone();
    DdimSampler.step(teacher, x, from, middle, n);
    DdimSampler.step(teacher, x, middle, to, n);
    return x;
  }

  /**
   * Writes into {@code out} the student's regression targets in {@code prediction}: for each row,
   * the x̂0 with which one DDIM step from {@code z} at {@code from} lands on {@code landed} at
   * {@code to}, with the noise it implies at z.
   */
  static void targets(
      Prediction prediction,
      AffinePath path,
      double[] z,
      double[] landed,
      double[] from,
      double[] to,
      int n,
      int dim,
      float[] out) {
    for (int i = 0; i < n; i++) {
      PathPoint now = path.at(from[i]);
      PathPoint next = path.at(to[i]);
      double dataWeight = prediction.targetWeightOfData(now);
      double noiseWeight = prediction.targetWeightOfNoise(now);
      for (int j = 0; j < dim; j++) {
        int at = i * dim + j;
        double clean = DdimSampler.cleanLandingOn(z[at], landed[at], now, next);
        double noise = Prediction.X0.noise(z[at], clean, now);
        out[at] = (float) (dataWeight * clean + noiseWeight * noise);
      }
    }
  }

  @Override
  public void close() {
    if (ownTeacher != null) {
      ownTeacher.close();
      ownTeacher = null;
    }
  }
}
