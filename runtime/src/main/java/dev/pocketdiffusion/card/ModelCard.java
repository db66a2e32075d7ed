package dev.pocketdiffusion.card;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.FlowPath;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VpPath;
import dev.pocketdiffusion.sampling.DataMoments;
import dev.pocketdiffusion.sampling.DataRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a runtime must know to sample an exported network: the process and schedule, what the
 * network predicts, how path time maps to the network's time input, the data dimension, and a
 * summary of how it was trained. Stored as JSON under {@link #METADATA_KEY} in the ONNX file's
 * {@code metadata_props}.
 */
public final class ModelCard {
  /** The {@code metadata_props} key that holds the card's JSON. */
  public static final String METADATA_KEY = "pocketdiffusion.card";

  /** Network time input per unit of path time for continuous-time paths. */
  public static final double CONTINUOUS_TIME_SCALE = 1000;

  /** The card format this runtime writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Most timesteps a card may declare (a VP path keeps a table of T + 1 values). */
  public static final int MAX_TIMESTEPS = 100_000;

  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .serializeSpecialFloatingPointValues()
          .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
          .disableHtmlEscaping()
          .setPrettyPrinting()
          .create();

  private int formatVersion = FORMAT_VERSION;
  private String process;
  private String schedule;
  private int numTimesteps;
  private double betaStart;
  private double betaEnd;
  private double sigmaMin;
  private double sigmaMax;
  private String prediction;
  private double timeInputScale;
  private double timeInputShift;
  private int dimension;
  private String base = "gaussian";
  private int numClasses;
  private java.util.List<String> classNames = new java.util.ArrayList<>();
  private double[] x0ClipMin;
  private double[] x0ClipMax;
  private double[] dataMean;
  private double[] dataCovariance;
  // a baked sampler (trainer bake); absent (null) on ordinary cards
  private Boolean baked;
  private String spacing;
  private Map<String, String> bakedFrom;
  private Map<String, Object> training = new LinkedHashMap<>();
  private Map<String, Double> metrics = new LinkedHashMap<>();
  private String sampler;
  private Integer steps;
  private Double guidance;

  private ModelCard() {}

  /**
   * A card for a network trained on {@code path} to predict {@code prediction} for points of {@code
   * dimension} coordinates. A discrete path's network takes the timestep index {@code k = t·T − 1}
   * as its time input; a continuous one takes {@code t·1000}, so both span the same range for the
   * network's time embedding.
   */
  public static ModelCard create(AffinePath path, Prediction prediction, int dimension) {
    ModelCard card = new ModelCard();
    card.process = path.process().cliName();
    if (path instanceof VpPath) {
      VpPath vp = (VpPath) path;
      card.schedule = vp.schedule().cliName();
      card.betaStart = vp.betaStart();
      card.betaEnd = vp.betaEnd();
    } else if (path instanceof VePath) {
      VePath ve = (VePath) path;
      card.schedule = ve.schedule().cliName();
      card.sigmaMin = ve.sigmaMin();
      card.sigmaMax = ve.sigmaMax();
    } else if (!(path instanceof FlowPath)) {
      throw new IllegalArgumentException("no model card mapping for process " + path.process());
    }
    card.base = path.base().cliName();
    card.numTimesteps = path.numTimesteps();
    card.timeInputScale = path.numTimesteps() > 0 ? path.numTimesteps() : CONTINUOUS_TIME_SCALE;
    card.timeInputShift = path.numTimesteps() > 0 ? -1 : 0;
    card.prediction = prediction.cliName();
    card.dimension = dimension;
    return card;
  }

  /**
   * The card stored in an ONNX file's {@code metadata_props}.
   *
   * @throws InvalidInputException if there is no card under {@link #METADATA_KEY} or it cannot be
   *     read
   */
  public static ModelCard fromMetadata(Map<String, String> metadata, String source) {
    String json = metadata.get(METADATA_KEY);
    if (json == null) {
      throw new InvalidInputException(
          source
              + ": ONNX model has no Pocket Diffusion model card (metadata key '"
              + METADATA_KEY
              + "'); export it with the trainer");
    }
    return fromJson(json, source);
  }

  /**
   * Parses and validates a card.
   *
   * @param source names the card's origin (a file) in error messages
   * @throws InvalidInputException naming what is wrong
   */
  public static ModelCard fromJson(String json, String source) {
    ModelCard card;
    try {
      card = GSON.fromJson(json, ModelCard.class);
    } catch (RuntimeException e) {
      // Gson's lenient binding reports malformed input not only as JsonParseException but also as
      // NumberFormatException ("1.0.") or IllegalArgumentException (a null in a number array)
      throw new InvalidInputException(
          source + ": model card is not valid JSON (" + firstLine(e) + ")", e);
    }
    if (card == null) {
      throw new InvalidInputException(source + ": model card is empty");
    }
    card.validate(source);
    return card;
  }

  private void validate(String source) {
    if (steps != null && (steps < 1 || steps > MAX_TIMESTEPS || sampler == null)) {
      throw new InvalidInputException(
          source + ": model card steps must be in 1.." + MAX_TIMESTEPS + " beside a sampler");
    }
    if (formatVersion != FORMAT_VERSION) {
      throw new InvalidInputException(
          source
              + ": model card format version "
              + formatVersion
              + " is not supported (this runtime reads version "
              + FORMAT_VERSION
              + "); upgrade Pocket Diffusion or re-export the model");
    }
    try {
      NoiseProcess.parse(process);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(source + ": model card names " + e.getMessage(), e);
    }
    if (numTimesteps < 0 || numTimesteps > MAX_TIMESTEPS) {
      throw new InvalidInputException(
          source
              + ": model card num_timesteps must be in 0.."
              + MAX_TIMESTEPS
              + ", got "
              + numTimesteps);
    }
    if (!Double.isFinite(timeInputScale) || !Double.isFinite(timeInputShift)) {
      throw new InvalidInputException(
          source + ": model card time_input_scale and time_input_shift must be finite numbers");
    }
    if (dimension < 1) {
      throw new InvalidInputException(source + ": model card has no valid dimension");
    }
    if ((x0ClipMin == null) != (x0ClipMax == null)
        || (x0ClipMin != null
            && (x0ClipMin.length != dimension || x0ClipMax.length != dimension))) {
      throw new InvalidInputException(
          source + ": model card x0_clip_min/x0_clip_max must both have " + dimension + " values");
    }
    if ((dataMean == null) != (dataCovariance == null)
        || (dataMean != null && dataMean.length != dimension)) {
      throw new InvalidInputException(
          source
              + ": model card data_mean and data_covariance must come together, with "
              + dimension
              + " and "
              + dimension * dimension
              + " values");
    }
    try {
      Prediction.parse(prediction);
      path();
      dataRange();
      dataMoments();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(source + ": model card is invalid: " + e.getMessage(), e);
    }
    if (classNames == null) {
      classNames = new java.util.ArrayList<>();
    }
    if (numClasses < 0 || (!classNames.isEmpty() && classNames.size() != numClasses)) {
      throw new InvalidInputException(
          source
              + ": model card has "
              + numClasses
              + " classes but "
              + classNames.size()
              + " class names");
    }
    SamplingRecipe.check(this, source);
    if (isBaked() && sampler == null) { // SamplingRecipe.check has checked steps beside it
      throw new InvalidInputException(
          source + ": model card says baked but has no sampler and steps >= 1");
    }
    if (training == null) {
      training = new LinkedHashMap<>();
    }
    if (metrics == null) {
      metrics = new LinkedHashMap<>();
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The card as pretty-printed JSON. */
  public String toJson() {
    return GSON.toJson(this);
  }

  /** The path the network was trained on. */
  public AffinePath path() {
    NoiseProcess kind = NoiseProcess.parse(process);
    return kind == NoiseProcess.VP
        ? kind.path(schedule, base, numTimesteps, betaStart, betaEnd)
        : kind.path(schedule, base, numTimesteps, sigmaMin, sigmaMax);
  }

  /** What the network predicts. */
  public Prediction prediction() {
    return Prediction.parse(prediction);
  }

  /** Number of coordinates per point. */
  public int dimension() {
    return dimension;
  }

  /** The largest network time input (at t = 1). */
  public float maxNetworkTime() {
    return networkTime(1.0);
  }

  /** The network's time input for path time {@code t}. */
  public float networkTime(double t) {
    return (float) (t * timeInputScale + timeInputShift);
  }

  /**
   * Declares a class-conditional model with the given class names; label {@code names.size()} is
   * the null (unconditional) label.
   */
  public void setClasses(java.util.List<String> names) {
    numClasses = names.size();
    classNames = new java.util.ArrayList<>(names);
  }

  /** Number of classes; 0 for an unconditional model. */
  public int numClasses() {
    return numClasses;
  }

  /** Class names, index = label (a copy). */
  public java.util.List<String> classNames() {
    return new java.util.ArrayList<>(classNames);
  }

  /** Records the box sampled x̂0 is clamped to (see {@link DataRange}). */
  public void setDataRange(DataRange range) {
    x0ClipMin = range.min();
    x0ClipMax = range.max();
  }

  /** The box sampled x̂0 is clamped to, or null if the card names none. */
  public DataRange dataRange() {
    return x0ClipMin == null ? null : new DataRange(x0ClipMin, x0ClipMax);
  }

  /** Records the training data's mean and covariance (written for ve models). */
  public void setDataMoments(DataMoments moments) {
    dataMean = moments.mean();
    dataCovariance = moments.covariance();
  }

  /** The training data's mean and covariance, or null if the card has none. */
  public DataMoments dataMoments() {
    return dataMean == null ? null : new DataMoments(dataMean, dataCovariance);
  }

  /**
   * Marks this card as the card of a baked sampler: {@code sampler} run for {@code steps} steps
   * with {@code spacing} (null: the sampler's recommended one), baked from the model file {@code
   * file} whose bytes have the SHA-256 {@code sha256}.
   */
  public void setBaked(String sampler, int steps, String spacing, String file, String sha256) {
    this.baked = true;
    this.sampler = sampler;
    this.steps = steps;
    this.spacing = spacing;
    this.bakedFrom = new LinkedHashMap<>();
    bakedFrom.put("file", file);
    bakedFrom.put("sha256", sha256);
  }

  /** True if the model is a baked sampler (the whole sampler in one graph). */
  public boolean isBaked() {
    return Boolean.TRUE.equals(baked);
  }

  /** The baked sampler's name, or null. */
  public String bakedSampler() {
    return isBaked() ? sampler : null;
  }

  /** The baked sampler's steps, or 0. */
  public int bakedSteps() {
    return isBaked() ? steps : 0;
  }

  /** The baked sampler's spacing, or null for its recommended one (or an unbaked card). */
  public String bakedSpacing() {
    return isBaked() ? spacing : null;
  }

  /**
   * The source model of a baked sampler: keys {@code file} and {@code sha256}; empty if unbaked.
   */
  public Map<String, String> bakedFrom() {
    return bakedFrom == null ? new LinkedHashMap<>() : new LinkedHashMap<>(bakedFrom);
  }

  /** The card's format version. */
  public int formatVersion() {
    return formatVersion;
  }

  /**
   * Records how this model is meant to be sampled: a sampler name, its steps and, for a
   * class-conditional model, the guidance scale (null for none).
   *
   * @throws InvalidInputException for an unknown sampler or an invalid count or scale
   */
  public void recommend(String sampler, int steps, Double guidance) {
    recommend(sampler, steps, guidance, null);
  }

  /**
   * Records how this model is meant to be sampled, with the timestep spacing its steps need ({@code
   * spacing}, e.g. {@code trailing} for a student trained on that grid; null for the sampler's
   * recommended one).
   *
   * @throws InvalidInputException for an unknown sampler or spacing, or an invalid count or scale
   */
  public void recommend(String sampler, int steps, Double guidance, String spacing) {
    this.sampler = sampler;
    this.steps = steps;
    this.guidance = guidance;
    this.spacing = spacing;
    SamplingRecipe.check(this, "recommended sampling");
  }

  /** How to sample this model: the card's recommendation, or the runtime's default without one. */
  public SamplingRecipe samplingRecipe() {
    return sampler == null
        ? SamplingRecipe.DEFAULT
        : new SamplingRecipe(sampler, steps, guidance == null ? 1 : guidance, true, spacing);
  }

  String recommendedSampler() {
    return sampler;
  }

  Integer recommendedSteps() {
    return steps;
  }

  Double recommendedGuidance() {
    return guidance;
  }

  String recommendedSpacing() {
    return spacing;
  }

  /** Training facts (dataset, steps, final loss, seed, …); live and mutable. */
  public Map<String, Object> training() {
    return training;
  }

  /** Metrics measured at export; live and mutable. */
  public Map<String, Double> metrics() {
    return metrics;
  }
}
