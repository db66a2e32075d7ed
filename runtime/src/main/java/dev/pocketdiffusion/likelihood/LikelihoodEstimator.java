package dev.pocketdiffusion.likelihood;

import dev.pocketdiffusion.Points;

/** Estimates the model's log-density log p(x), in nats, at every point of a set. */
public interface LikelihoodEstimator {

  /** The method name used on the command line ({@code ode}, {@code elbo}). */
  String method();

  /**
   * Estimates log p for each of {@code points}.
   *
   * @throws IllegalArgumentException if the points' dimension is not the model's
   */
  LikelihoodResult estimate(Points points);
}
