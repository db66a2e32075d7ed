package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.VerboseOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trainer distill}: a student sampled in K calls: K Euler steps trained on its teacher's
 * pairs ({@code --method pairs}, the default) or K DDIM steps by progressive distillation ({@code
 * --method progressive}).
 */
@Command(
    name = "distill",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "A few-call student: draw (noise, sample) pairs with the teacher's deterministic ODE sampler and",
      "train a flow student on them at only the K times a K-step Euler sampler visits, so K Euler steps",
      "from the noise land on the teacher's sample (K = 1: direct distillation of the ODE map). Its card",
      "records sampler euler and steps K; it is scored with them.",
      "--method progressive instead halves the teacher's DDIM steps in rounds (Salimans & Ho 2022):",
      "each round's student takes in one DDIM step what two of its teacher take, on the teacher's path;",
      "its card records sampler ddim, steps K and spacing trailing."
    },
    footer = {
      "",
      "Examples:",
      "  trainer distill --teacher models/moons.onnx --calls 2 --out runs/moons-2call",
      "  trainer distill --teacher runs/moons-reflow/model.onnx --calls 1 --out runs/moons-1call",
      "  trainer distill --teacher models/moons.onnx --calls 2 --method progressive --out runs/pd-2"
    })
public final class DistillCommand extends StudentCommand {
  @Mixin VerboseOption verbose;

  @Option(
      names = "--calls",
      required = true,
      paramLabel = "K",
      description = "Model calls (Euler steps) the student is sampled with: 1 to 1000.")
  int calls;

  @Option(
      names = "--method",
      paramLabel = "M",
      description = {
        "pairs: a flow student on the teacher's (noise, sample) pairs at the K Euler times;",
        "progressive: progressive distillation of the teacher's DDIM, R rounds from K*2^R >=",
        "--teacher-steps steps down to K, --steps split evenly over the rounds (default: ${DEFAULT-VALUE})."
      })
  String method = "pairs";

  @Override
  boolean progressive() {
    if (!method.equals("pairs") && !method.equals("progressive")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--method must be pairs or progressive, got '" + method + "'");
    }
    return method.equals("progressive");
  }

  @Override
  int calls() {
    if (calls < 1 || calls > 1000) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--calls must be in 1..1000, got " + calls);
    }
    return calls;
  }

  @Override
  String name() {
    return "distill";
  }
}
