package dev.pocketdiffusion.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that choose a model ({@code --model}, and for closed-form models {@code --process}
 * and {@code --schedule}) and how it runs ({@code --threads}, {@code --allow-any-operator}); shared
 * by {@code sample} and the plotting commands.
 */
public final class ModelOptions {
  @Option(
      names = "--model",
      defaultValue = "models/moons.onnx",
      paramLabel = "MODEL",
      description = {
        "An .onnx model exported by the trainer (default: ${DEFAULT-VALUE}, the shipped moons model), or a closed-form denoiser:",
        "gaussian:M1,...,MD,S (data N(M, S²I); one M means (M, M)) or points:FILE.csv (a mixture of the file's points)."
      })
  String model;

  @Option(
      names = "--process",
      paramLabel = "P",
      description = "Closed-form models only: vp, ve or flow (default: vp).")
  String process;

  @Option(
      names = "--schedule",
      paramLabel = "S",
      description =
          "Closed-form models only: vp linear|quadratic|cosine|sigmoid (default linear, T = 1000); ve exp|linear|sqrt|geometric (default geometric).")
  String schedule;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "T",
      description =
          "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}, fastest for small batches).")
  int threads;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Mixin OperatorOption operators;

  /** The file the model is read from, or null for a gaussian: model. */
  java.io.File file() {
    return ModelArgument.file(model);
  }

  /** Opens the model (see {@link ModelArgument#open}). */
  ModelArgument open() {
    Limits.threads(command.commandLine(), "--threads", threads);
    return ModelArgument.open(model, process, schedule, threads, operators.allowAnyOperator);
  }
}
