package dev.pocketdiffusion.android;

import android.os.Bundle;
import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.onnx.ExecutionProvider;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.LabelledDenoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.util.ArrayList;
import java.util.List;

/**
 * What one sampling run uses: the model and where ONNX Runtime runs it, the sampler and its step
 * count, how many points, the seed, and for class-conditional models the class and the guidance
 * scale. Immutable; the screen's text fields are parsed with {@link #parse}, which names the field
 * at fault, and an Activity's saved state holds them as {@link #toBundle}.
 */
public final class DemoSettings {
  /** The most steps the app offers (a VP model has at most 1000 timesteps). */
  public static final int MAX_STEPS = 1000;

  /** The most points the app draws. */
  public static final int MAX_POINTS = 10000;

  private static final String KEY_MODEL = "model";
  private static final String KEY_PROVIDER = "provider";
  private static final String KEY_SAMPLER = "sampler";
  private static final String KEY_STEPS = "steps";
  private static final String KEY_POINTS = "points";
  private static final String KEY_SEED = "seed";
  private static final String KEY_CLASS = "class";
  private static final String KEY_GUIDANCE = "guidance";

  private final String model;
  private final ExecutionProvider provider;
  private final String sampler;
  private final int steps;
  private final int points;
  private final long seed;
  private final int classLabel;
  private final double guidance;

  /**
   * Settings as given.
   *
   * @throws IllegalArgumentException if steps, points or guidance are out of range
   */
  public DemoSettings(
      String model,
      ExecutionProvider provider,
      String sampler,
      int steps,
      int points,
      long seed,
      int classLabel,
      double guidance) {
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException(
          "steps must be between 1 and " + MAX_STEPS + ", got " + steps);
    }
    if (points < 1 || points > MAX_POINTS) {
      throw new IllegalArgumentException(
          "points must be between 1 and " + MAX_POINTS + ", got " + points);
    }
    if (!(guidance >= 0) || Double.isInfinite(guidance)) {
      throw new IllegalArgumentException("guidance must be a number >= 0, got " + guidance);
    }
    this.model = model;
    this.provider = provider;
    this.sampler = sampler;
    this.steps = steps;
    this.points = points;
    this.seed = seed;
    this.classLabel = classLabel;
    this.guidance = guidance;
  }

  /**
   * The defaults for a model without a recommendation: CPU, DDIM, 50 steps, 2000 points, seed 0,
   * class 0, guidance 1.
   */
  public static DemoSettings defaults(String model) {
    return defaults(model, SamplingRecipe.DEFAULT);
  }

  /**
   * The defaults for {@code model}: CPU, the sampler, steps and guidance its card recommends
   * ({@code recipe}), 2000 points, seed 0, class 0.
   */
  public static DemoSettings defaults(String model, SamplingRecipe recipe) {
    return new DemoSettings(
        model,
        ExecutionProvider.CPU,
        recipe.sampler(),
        recipe.steps(),
        2000,
        0,
        0,
        recipe.guidance());
  }

  /**
   * Settings from the screen's text fields.
   *
   * @throws IllegalArgumentException naming the field that is not a number or is out of range
   */
  public static DemoSettings parse(
      String model,
      ExecutionProvider provider,
      String sampler,
      String steps,
      String points,
      String seed,
      int classLabel,
      String guidance) {
    return new DemoSettings(
        model,
        provider,
        sampler,
        parseInt("steps", steps),
        parseInt("points", points),
        parseLong("seed", seed),
        classLabel,
        parseDouble("guidance", guidance));
  }

  /**
   * These settings as a bundle, for an Activity's saved state; {@link #fromBundle} reads them back.
   */
  public Bundle toBundle() {
    Bundle bundle = new Bundle();
    bundle.putString(KEY_MODEL, model);
    bundle.putString(KEY_PROVIDER, provider.name());
    bundle.putString(KEY_SAMPLER, sampler);
    bundle.putInt(KEY_STEPS, steps);
    bundle.putInt(KEY_POINTS, points);
    bundle.putLong(KEY_SEED, seed);
    bundle.putInt(KEY_CLASS, classLabel);
    bundle.putDouble(KEY_GUIDANCE, guidance);
    return bundle;
  }

  /** The settings {@link #toBundle} wrote into {@code bundle}. */
  public static DemoSettings fromBundle(Bundle bundle) {
    return new DemoSettings(
        bundle.getString(KEY_MODEL),
        ExecutionProvider.valueOf(bundle.getString(KEY_PROVIDER)),
        bundle.getString(KEY_SAMPLER),
        bundle.getInt(KEY_STEPS),
        bundle.getInt(KEY_POINTS),
        bundle.getLong(KEY_SEED),
        bundle.getInt(KEY_CLASS),
        bundle.getDouble(KEY_GUIDANCE));
  }

  private static int parseInt(String field, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a whole number, got '" + text + "'");
    }
  }

  private static long parseLong(String field, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a whole number, got '" + text + "'");
    }
  }

  private static double parseDouble(String field, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a number, got '" + text + "'");
    }
  }

  /**
   * The samplers that can run {@code model}, in {@link Samplers#NAMES} order: those that {@link
   * Sampling#check} accepts (no stochastic sampler on a non-Gaussian base, for example).
   */
  public static List<String> samplersFor(Denoiser model) {
    List<String> usable = new ArrayList<>();
    for (String name : Samplers.NAMES.split(",\\s*")) {
      try {
        Sampling.check(Samplers.create(name, 1), model);
        usable.add(name);
      } catch (IllegalArgumentException e) {
        // this sampler cannot run this model; leave it off the list
      }
    }
    return usable;
  }

  /**
   * A fresh sampler for these settings on a model whose card recommends {@code recipe}: with the
   * card's timestep spacing when the sampler is the card's, as {@code runtime sample} does.
   */
  public Sampler newSampler(SamplingRecipe recipe) {
    return Samplers.create(sampler, steps, 0.0, recipe.spacingFor(sampler));
  }

  /**
   * The denoiser to sample: {@code model} itself, or for a class-conditional model the guided one
   * for {@link #classLabel()} at scale {@link #guidance()}.
   *
   * @throws IllegalArgumentException if the class is out of the model's range
   */
  public Denoiser denoiser(LabelledDenoiser model) {
    return model.numClasses() > 0 ? Guidance.of(model, classLabel, guidance) : model;
  }

  /**
   * How many steps the run will report, or 0 where the sampler picks its own ({@code adaptive}).
   */
  public int plannedSteps() {
    return "adaptive".equals(sampler) ? 0 : steps;
  }

  /** The model's asset name. */
  public String model() {
    return model;
  }

  /** Where ONNX Runtime runs the model. */
  public ExecutionProvider provider() {
    return provider;
  }

  /** The sampler's name (one of {@link Samplers#NAMES}). */
  public String sampler() {
    return sampler;
  }

  /** Number of sampler steps. */
  public int steps() {
    return steps;
  }

  /** Number of points. */
  public int points() {
    return points;
  }

  /** The seed of the base draw and of any sampler noise. */
  public long seed() {
    return seed;
  }

  /** The class for a conditional model (ignored by an unconditional one). */
  public int classLabel() {
    return classLabel;
  }

  /** Classifier-free guidance scale for a conditional model. */
  public double guidance() {
    return guidance;
  }
}
