package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.VerboseOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code trainer reflow}: a flow student trained on its teacher's ODE pairs (rectified flow). */
@Command(
    name = "reflow",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Rectified flow (Liu et al. 2022): draw (noise, sample) pairs with the teacher's deterministic",
      "ODE sampler through ONNX Runtime and train a flow student (velocity prediction) on those fixed",
      "pairs, whose paths are straighter than the teacher's; export and score it as train does.",
      "Repeatable: a reflow student is a teacher for the next reflow (2-rectified, 3-rectified, ...)."
    },
    footer = {
      "",
      "Examples:",
      "  trainer reflow --teacher models/moons.onnx --out runs/moons-reflow",
      "  trainer reflow --teacher runs/moons-reflow/model.onnx --out runs/moons-reflow2"
    })
public final class ReflowCommand extends StudentCommand {
  @Mixin VerboseOption verbose;

  @Override
  int calls() {
    return 0;
  }

  @Override
  String name() {
    return "reflow";
  }
}
