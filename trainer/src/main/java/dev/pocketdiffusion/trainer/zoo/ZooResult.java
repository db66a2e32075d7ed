package dev.pocketdiffusion.trainer.zoo;

import java.util.List;
import java.util.Map;

/** What {@code trainer zoo} measured for one model; serialised into {@code models/zoo.json}. */
public final class ZooResult {
  /** The model's name ({@code NAME.onnx}). */
  public String name;

  /** The command that trains it. */
  public String command;

  /** Training dataset, process and prediction (from the model card). */
  public String dataset;

  /** vp, ve or flow. */
  public String process;

  /** epsilon, x0 or velocity. */
  public String prediction;

  /** Recommended sampler, its steps, and the guidance scale for conditional models. */
  public String sampler;

  /** Steps of the recommended sampler. */
  public int steps;

  /** Classifier-free guidance scale (conditional models). */
  public double guidance;

  /** Class names, empty for an unconditional model. */
  public List<String> classes;

  /** File size in bytes. */
  public long bytes;

  /** Points per evaluation and the number of evaluations (sample seeds 1 … repeats). */
  public int samples;

  /** Number of sample seeds. */
  public int repeats;

  /** Each score as {mean, standard deviation} over the repeats. */
  public Map<String, double[]> metrics;

  /**
   * Conditional models: each class's scores as {mean, standard deviation} over the repeats, by
   * class name.
   */
  public Map<String, Map<String, double[]>> classMetrics;

  /** Conditional models: MMD² of each class's samples (row) against each class's data (column). */
  public double[][] classMmd;

  /** Conditional models: classes a nearest-centroid reader recognises from the samples. */
  public Integer recognisedClasses;

  /** Seconds the training run took. */
  public double trainingSeconds;
}
