package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.metrics.PathStraightness;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runtime straightness}: how straight a model's ODE trajectories are. */
@Command(
    name = "straightness",
    mixinStandardHelpOptions = true,
    description = {
      "Print S = ∫ E‖v(x_t, t) − (x_1 − x_0)‖² dt over the model's ODE trajectories (Liu et al. 2022):",
      "0 when every trajectory is a straight line at constant speed, which one Euler step follows.",
      "Integrated by Euler with --steps steps from -n base draws. Comparable between flow models."
    },
    footer = {"", "Example:", "  runtime straightness --model runs/flow/model.onnx -n 2000"})
public final class StraightnessCommand implements Callable<Integer> {
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
      names = "-n",
      defaultValue = "2000",
      paramLabel = "N",
      description = "Trajectories (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(
      names = "--steps",
      defaultValue = "100",
      paramLabel = "K",
      description = "Euler steps along each trajectory (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the base draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Limits.range(spec.commandLine(), "-n", n, 1, 1_000_000);
    Limits.range(spec.commandLine(), "--steps", steps, 2, 100_000);
    try (OnnxDenoiser denoiser =
        OnnxDenoiser.builder()
            .setModel(model)
            .optAllowAnyOperator(operators.allowAnyOperator)
            .build()) {
      double s = PathStraightness.measure(denoiser, n, steps, seed);
      spec.commandLine()
          .getOut()
          .println(String.format(Locale.ROOT, "{\"straightness\": %.6g}", s));
    }
    return CliRunner.OK;
  }
}
