package dev.pocketdiffusion.trainer.zoo;

import dev.pocketdiffusion.CliNames;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.metrics.Mmd;
import dev.pocketdiffusion.metrics.SampleQuality;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.datasets.LabelledDataset;
import dev.pocketdiffusion.trainer.datasets.PointDataset;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a zoo model against its data with its recommended sampler. An unconditional model is
 * compared with a fresh draw of its dataset; a class-conditional one class by class (each class
 * sampled with its label and the card's guidance, against that class's points), each class's scores
 * kept and their average reported; each class gets as many points as an unconditional model's
 * evaluation (see {@link #classScores}). The sampler is the model card's recommendation (the zoo
 * writes the entry's into the card).
 */
public final class ZooEvaluation {
  /** Seed offset of the reference draw, so it never equals the training data's seed. */
  private static final long REFERENCE_SEED = 1_000_003L;

  /** Fewest points per class in the class-separation and recognition checks. */
  public static final int MIN_PER_CLASS = 200;

  /**
   * Points per class the nearest-centroid reader rasterises: with 200, a 16 × 16 histogram is too
   * noisy (7 of 10 digits read back, against 10 of 10 with 2000, same model).
   */
  public static final int RECOGNITION_POINTS = 2000;

  /** Side of the histogram the nearest-centroid reader sees. */
  public static final int RASTER = 16;

  private final ZooEntry entry;
  private final OnnxDenoiser model;
  private final PointDataset dataset;

  /**
   * An evaluation of {@code model}, loaded from the zoo entry {@code entry}; relative data files
   * are found from {@code root}, the directory the training command ran in.
   */
  public ZooEvaluation(ZooEntry entry, OnnxDenoiser model, File root) {
    this.entry = entry;
    this.model = model;
    this.dataset = Datasets.byName(entry.dataset(), entry.dataFile(root));
  }

  /** Samples of class {@code label} (or unconditional ones for −1) with the recommended sampler. */
  public Points sample(int label, int n, long seed) {
    return sample(label, n, seed, recommended());
  }

  private Points sample(int label, int n, long seed, Sampler sampler) {
    return Sampling.generate(
        label < 0 ? model : Guidance.of(model, label, guidance()), sampler, n, seed);
  }

  /** The model card's recommended sampler, or the zoo entry's for a card without one. */
  private Sampler recommended() {
    SamplingRecipe recipe = model.card().samplingRecipe();
    return recipe.source().equals("card")
        ? recipe.create()
        : Samplers.create(entry.sampler(), entry.steps());
  }

  /** The guidance scale of class-conditional sampling: the card's, else the zoo entry's. */
  private double guidance() {
    SamplingRecipe recipe = model.card().samplingRecipe();
    return recipe.source().equals("card") ? recipe.guidance() : entry.guidance();
  }

  /** {@code n} points of class {@code label} (all classes for −1) drawn from the data. */
  public Points data(int label, int n, long seed) {
    if (label < 0) {
      return dataset.sample(n, seed + REFERENCE_SEED);
    }
    return ((LabelledDataset) dataset).sampleClass(label, n, seed + REFERENCE_SEED);
  }

  /**
   * Measures this model, stored in a file of {@code bytes} bytes: card facts, the scores over
   * sample seeds 1 … {@code repeats} as mean and standard deviation, and for a conditional model
   * the class separation and how many classes a nearest-centroid reader recognises.
   */
  public ZooResult measure(long bytes, int samples, int repeats) {
    ZooResult r = new ZooResult();
    r.name = entry.name();
    r.command = entry.command();
    r.sampler = entry.sampler();
    r.steps = entry.steps();
    r.guidance = entry.guidance();
    r.samples = samples;
    r.repeats = repeats;
    r.bytes = bytes;
    ModelCard card = model.card();
    r.dataset = entry.dataset();
    r.process = card.path().process().cliName();
    r.prediction = CliNames.of(card.prediction());
    r.classes = new ArrayList<>(card.classNames());
    Map<String, List<Double>> values = new TreeMap<>();
    List<Map<String, List<Double>>> classValues = new ArrayList<>();
    for (int seed = 1; seed <= repeats; seed++) {
      List<Map<String, Double>> perClass = classScores(samples, seed, recommended());
      for (Map.Entry<String, Double> e : average(perClass).entrySet()) {
        values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
      }
      for (int k = 0; k < perClass.size() && model.numClasses() > 0; k++) {
        if (classValues.size() <= k) {
          classValues.add(new TreeMap<>());
        }
        for (Map.Entry<String, Double> e : perClass.get(k).entrySet()) {
          classValues
              .get(k)
              .computeIfAbsent(e.getKey(), key -> new ArrayList<>())
              .add(e.getValue());
        }
      }
    }
    r.metrics = summary(values);
    if (model.numClasses() > 0) {
      r.classMetrics = new LinkedHashMap<>();
      for (int k = 0; k < classValues.size(); k++) {
        r.classMetrics.put(card.classNames().get(k), summary(classValues.get(k)));
      }
      int perClass = Math.max(samples / model.numClasses(), MIN_PER_CLASS);
      r.classMmd = classMmd(perClass, 1);
      r.recognisedClasses = recognisedClasses(RECOGNITION_POINTS, RASTER, 1);
    }
    return r;
  }

  private static double[] meanAndSd(List<Double> values) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.size();
    }
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean) / Math.max(values.size() - 1, 1);
    }
    return new double[] {mean, Math.sqrt(var)};
  }

  /**
   * The scores ({@link SampleQuality#asMap()}) of {@code n} samples, averaged over classes for a
   * conditional model.
   */
  public Map<String, Double> scores(int n, long seed) {
    return scores(n, seed, recommended());
  }

  /**
   * As {@link #scores(int, long)}, sampling with {@code sampler} instead of the recommended one.
   */
  public Map<String, Double> scores(int n, long seed, Sampler sampler) {
    return average(classScores(n, seed, sampler));
  }

  /**
   * The scores of {@code n} samples against {@code n} fresh points of the data: one map for an
   * unconditional model; one per class, in label order, for a conditional one, each class scored
   * with {@code n} samples of its label against {@code n} fresh points of that class's data.
   *
   * <p>Every class gets the full {@code n}, not a share of it, so a class row is measured exactly
   * as a model of that data alone would be (mix's {@code dino} row as {@code dino.onnx}'s). k-NN
   * precision and recall (k = 3, equal counts, Kynkäänniemi et al. 2019) depend on the count when
   * the data is clustered: the dino is 142 clusters about 0.011 wide, and at 500 points (about 3.5
   * per cluster) the real points' k-th neighbours lie in the next cluster, so a sample between two
   * clusters counted as precise. mix-edm's dino class scored 0.79 at 500 points per class and 0.43
   * at 2000, where two draws of the data score 0.94 against each other at both counts.
   */
  public List<Map<String, Double>> classScores(int n, long seed, Sampler sampler) {
    int classes = model.numClasses();
    List<Map<String, Double>> scores = new ArrayList<>();
    if (classes == 0) {
      scores.add(
          SampleQuality.evaluate(data(-1, n, seed), sample(-1, n, seed, sampler), seed).asMap());
      return scores;
    }
    for (int k = 0; k < classes; k++) {
      scores.add(
          SampleQuality.evaluate(data(k, n, seed + k), sample(k, n, seed + k, sampler), seed)
              .asMap());
    }
    return scores;
  }

  /** The mean of each score over the maps (summed in order, each term divided first). */
  static Map<String, Double> average(List<Map<String, Double>> scores) {
    if (scores.size() == 1) {
      return scores.get(0);
    }
    Map<String, Double> mean = new LinkedHashMap<>();
    for (Map<String, Double> one : scores) {
      for (Map.Entry<String, Double> e : one.entrySet()) {
        mean.merge(e.getKey(), e.getValue() / scores.size(), Double::sum);
      }
    }
    return mean;
  }

  private static Map<String, double[]> summary(Map<String, List<Double>> values) {
    Map<String, double[]> summary = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : values.entrySet()) {
      summary.put(e.getKey(), meanAndSd(e.getValue()));
    }
    return summary;
  }

  /**
   * MMD² of each class's samples against each class's data: row = the class asked for, column = the
   * data compared with. A model that draws each class cleanly has its row minimum on the diagonal.
   */
  public double[][] classMmd(int perClass, long seed) {
    int classes = model.numClasses();
    Points[] samples = new Points[classes];
    Points[] data = new Points[classes];
    for (int k = 0; k < classes; k++) {
      samples[k] = sample(k, perClass, seed + k);
      data[k] = data(k, perClass, seed + 100 + k);
    }
    double[][] mmd = new double[classes][classes];
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < classes; j++) {
        mmd[k][j] = Mmd.rbfSquared(data[j], samples[k]);
      }
    }
    return mmd;
  }

  /**
   * How many classes a nearest-centroid reader recognises: each class's samples and data are
   * rasterised to a {@code grid × grid} histogram over the data's common box, and the samples of
   * class k count as recognised when the nearest data histogram is class k's.
   */
  public int recognisedClasses(int perClass, int grid, long seed) {
    int classes = model.numClasses();
    Points[] data = new Points[classes];
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int k = 0; k < classes; k++) {
      data[k] = data(k, perClass, seed + 100 + k);
      for (int i = 0; i < data[k].size(); i++) {
        box[0] = Math.min(box[0], data[k].get(i, 0));
        box[1] = Math.min(box[1], data[k].get(i, 1));
        box[2] = Math.max(box[2], data[k].get(i, 0));
        box[3] = Math.max(box[3], data[k].get(i, 1));
      }
    }
    double[][] centroids = new double[classes][];
    for (int k = 0; k < classes; k++) {
      centroids[k] = raster(data[k], box, grid);
    }
    int recognised = 0;
    for (int k = 0; k < classes; k++) {
      double[] image = raster(sample(k, perClass, seed + k), box, grid);
      int nearest = 0;
      double best = Double.MAX_VALUE;
      for (int j = 0; j < classes; j++) {
        double d = 0;
        for (int p = 0; p < image.length; p++) {
          d += (image[p] - centroids[j][p]) * (image[p] - centroids[j][p]);
        }
        if (d < best) {
          best = d;
          nearest = j;
        }
      }
      recognised += nearest == k ? 1 : 0;
    }
    return recognised;
  }

  private static double[] raster(Points points, double[] box, int grid) {
    double[] image = new double[grid * grid];
    for (int i = 0; i < points.size(); i++) {
      int cx = cell(points.get(i, 0), box[0], box[2], grid);
      int cy = cell(points.get(i, 1), box[1], box[3], grid);
      image[cy * grid + cx] += 1.0 / points.size();
    }
    return image;
  }

  private static int cell(double v, double low, double high, int grid) {
    int c = (int) Math.floor((v - low) / (high - low) * grid);
    return Math.max(0, Math.min(grid - 1, c));
  }
}
