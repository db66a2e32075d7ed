package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.NonFiniteOutputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.Json;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.likelihood.ElboLikelihood;
import dev.pocketdiffusion.likelihood.LikelihoodEstimator;
import dev.pocketdiffusion.likelihood.LikelihoodResult;
import dev.pocketdiffusion.likelihood.OdeLikelihood;
import dev.pocketdiffusion.likelihood.StartTime;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code runtime likelihood}: the model's log-density at given points. */
@Command(
    name = "likelihood",
    mixinStandardHelpOptions = true,
    description = {
      "Estimate log p(x) (natural log, nats) of a model at each point and print a JSON summary.",
      "ode: exact, through the probability-flow ODE (deterministic, any base).",
      "elbo: the variational lower bound of Kingma et al. 2021 (Monte Carlo, Gaussian bases only).",
      "Both measure the data smoothed by the noise of the path at t = 0.001 (VP, T = 1000: std 0.01)."
    },
    footer = {
      "",
      "Example:",
      "  runtime likelihood --model runs/moons/model.onnx --points real.csv --method ode --out logp.csv"
    })
public final class LikelihoodCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin OperatorOption operators;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "M.onnx",
      description = "An .onnx model exported by the trainer.")
  File model;

  @Option(
      names = "--points",
      required = true,
      paramLabel = "P.csv",
      description = "The points to score (header x,y).")
  File points;

  @Option(
      names = "--method",
      defaultValue = "ode",
      paramLabel = "M",
      description = "ode or elbo (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(
      names = "--samples",
      defaultValue = "" + ElboLikelihood.DEFAULT_SAMPLES,
      paramLabel = "K",
      description = "elbo: time-noise draws per point (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "elbo: random seed; same seed, same estimate (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "T",
      description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--out",
      paramLabel = "FILE.csv",
      description = "Also write the points with their log p (header x,y,log_p).")
  File out;

  /**
   * Most ELBO draws per point (K = 1000 took 11 s for 1000 moons points; K is time, not memory).
   */
  static final int MAX_SAMPLES = 1_000_000;

  @Override
  public Integer call() throws IOException {
    if (!method.equals("ode") && !method.equals("elbo")) {
      throw new ParameterException(
          spec.commandLine(), "--method must be ode or elbo, got '" + method + "'");
    }
    if (samples < 1) {
      throw new ParameterException(
          spec.commandLine(), "--samples must be at least 1, got " + samples);
    }
    Limits.range(spec.commandLine(), "--samples", samples, 1, MAX_SAMPLES);
    Limits.threads(spec.commandLine(), "--threads", threads);
    try (OutputSet outputs = new OutputSet()) {
      outputs.input("--model", model).input("--points", points).add("--out", out);
      estimate(outputs);
      outputs.commit();
    }
    return CliRunner.OK;
  }

  /** Scores the points, writes the staged --out and prints the summary. */
  private void estimate(OutputSet outputs) {
    Points data = PointsCsv.read(points);
    try (OnnxDenoiser denoiser =
        OnnxDenoiser.builder()
            .setModel(model)
            .optIntraOpThreads(threads)
            .optAllowAnyOperator(operators.allowAnyOperator)
            .build()) {
      if (data.dimension() != denoiser.dimension()) {
        throw new InvalidInputException(
            points
                + " has "
                + data.dimension()
                + " columns but "
                + model
                + " takes points of dimension "
                + denoiser.dimension());
      }
      Limits.sampling(
          spec.commandLine(),
          data.size(),
          data.dimension() + 1,
          0,
          "the number of points in " + points + " (score it in parts)");
      LikelihoodEstimator estimator =
          method.equals("ode")
              ? new OdeLikelihood(denoiser)
              : new ElboLikelihood(denoiser, samples, seed);
      long start = System.nanoTime();
      LikelihoodResult result;
      try {
        result = estimator.estimate(data);
      } catch (NonFiniteOutputException e) {
        throw e.with("while scoring " + points);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (out != null) {
        outputs.writeStream(out, stream -> write(stream, data, result));
        spec.commandLine()
            .getErr()
            .printf(Locale.ROOT, "wrote %d log-likelihoods to %s%n", data.size(), out);
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("method", estimator.method());
      summary.put("points", data.size());
      summary.put("mean_log_p", result.mean());
      if (method.equals("elbo")) {
        summary.put("standard_error", result.meanStandardError());
        summary.put("samples", samples);
        summary.put("seed", seed);
      }
      summary.put("start_time", StartTime.of(denoiser.path()));
      summary.put("model_calls", result.modelCalls());
      summary.put("seconds", seconds);
      spec.commandLine().getOut().println(Json.write(summary));
    }
  }

  /** Writes {@code x,y,…,log_p}. */
  private static void write(OutputStream stream, Points data, LikelihoodResult result)
      throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    w.write(PointsCsv.header(data.dimension()) + ",log_p\n");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < data.size(); i++) {
      line.setLength(0);
      for (int j = 0; j < data.dimension(); j++) {
        line.append((float) data.get(i, j)).append(',');
      }
      line.append((float) result.logP(i)).append('\n');
      w.write(line.toString());
    }
    w.flush();
  }
}
