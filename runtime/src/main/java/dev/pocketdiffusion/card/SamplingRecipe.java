package dev.pocketdiffusion.card;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.TimestepSpacing;

/**
 * How a model is meant to be sampled: a sampler, its steps and the guidance scale of a
 * class-conditional model. A card's keys {@code sampler}, {@code steps} and {@code guidance} give
 * it; a card without them gets the runtime's {@link #DEFAULT}.
 */
public final class SamplingRecipe {
  /** The sampler used when neither the user nor the card names one. */
  public static final String DEFAULT_SAMPLER = "ddim";

  /** The steps used when neither the user nor the card gives them. */
  public static final int DEFAULT_STEPS = 50;

  /** The guidance scale used when neither the user nor the card gives one (1 = conditional). */
  public static final double DEFAULT_GUIDANCE = 1;

  /** The runtime's default recipe. */
  public static final SamplingRecipe DEFAULT =
      new SamplingRecipe(DEFAULT_SAMPLER, DEFAULT_STEPS, DEFAULT_GUIDANCE, false, null);

  private final String sampler;
  private final int steps;
  private final double guidance;
  private final boolean fromCard;
  private final String spacing;

  SamplingRecipe(String sampler, int steps, double guidance, boolean fromCard, String spacing) {
    this.sampler = sampler;
    this.steps = steps;
    this.guidance = guidance;
    this.fromCard = fromCard;
    this.spacing = spacing;
  }

  /** The sampler's command-line name. */
  public String sampler() {
    return sampler;
  }

  /** Its steps. */
  public int steps() {
    return steps;
  }

  /** The classifier-free guidance scale for class-conditional sampling. */
  public double guidance() {
    return guidance;
  }

  /** {@code "card"} when the model's card recommends it, {@code "default"} otherwise. */
  public String source() {
    return fromCard ? "card" : "default";
  }

  /**
   * The timestep spacing the card asks for (key {@code spacing}), or null for the sampler's
   * recommended one.
   */
  public TimestepSpacing spacing() {
    return spacing == null ? null : TimestepSpacing.parse(spacing);
  }

  /** The sampler, with the card's spacing or else its recommended one. */
  public Sampler create() {
    return Samplers.create(sampler, steps, 0.0, spacing());
  }

  /**
   * The spacing to use when sampling with {@code samplerName}: the card's for its own sampler (a
   * progressive student's steps exist only on its trailing grid), null (the sampler's recommended
   * one) for any other.
   */
  public TimestepSpacing spacingFor(String samplerName) {
    return sampler.equals(samplerName) ? spacing() : null;
  }

  /**
   * Checks a card's recommendation keys: all or none of sampler and steps, a known sampler, steps
   * in 1..T (1..{@link ModelCard#MAX_TIMESTEPS} for continuous time), a finite guidance scale ≥ 0
   * only for a class-conditional model.
   *
   * @throws InvalidInputException one line naming the key
   */
  static void check(ModelCard card, String source) {
    String sampler = card.recommendedSampler();
    Integer steps = card.recommendedSteps();
    Double guidance = card.recommendedGuidance();
    String prefix = source + ": model card ";
    if ((sampler == null) != (steps == null)) {
      throw new InvalidInputException(prefix + "must give sampler and steps together");
    }
    if (guidance != null && sampler == null) {
      throw new InvalidInputException(prefix + "guidance needs sampler and steps");
    }
    if (sampler == null) {
      return;
    }
    int most =
        card.path().numTimesteps() > 0 ? card.path().numTimesteps() : ModelCard.MAX_TIMESTEPS;
    if (steps < 1 || steps > most) {
      throw new InvalidInputException(prefix + "steps must be in 1.." + most + ", got " + steps);
    }
    try {
      Samplers.create(sampler, steps);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(prefix + "sampler: " + e.getMessage(), e);
    }
    String spacing = card.recommendedSpacing();
    if (spacing != null) {
      try {
        TimestepSpacing.parse(spacing);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(prefix + "spacing: " + e.getMessage(), e);
      }
    }
    if (guidance != null && (!Double.isFinite(guidance) || guidance < 0)) {
      throw new InvalidInputException(
          prefix + "guidance must be a finite number >= 0, got " + guidance);
    }
    if (guidance != null && card.numClasses() == 0) {
      throw new InvalidInputException(
          prefix + "guidance is for class-conditional models, and this one has no classes");
    }
  }
}
