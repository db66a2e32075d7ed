package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.trainer.training.Checkpoints;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import dev.pocketdiffusion.trainer.training.WriteFailure;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trainer export}: re-exports a checkpoint to ONNX. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the network of a training checkpoint, export it to ONNX with its model card,",
      "and check ONNX Runtime against DJL on 10 000 random inputs before writing the file."
    },
    footer = {
      "",
      "Example:",
      "  trainer export --checkpoint runs/moons/checkpoint --out moons.onnx",
      "  trainer export --checkpoint runs/moons/checkpoint --out moons.onnx --recommend-sampler dpm++2m --recommend-steps 15"
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "DIR",
      description = "A checkpoint directory written by trainer train.")
  File checkpoint;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "M.onnx",
      description = "Where to write the model.")
  File out;

  @Option(
      names = "--recommend-sampler",
      paramLabel = "NAME",
      description = {
        "Record in the model card the sampler the model is meant to be sampled with (card keys",
        "sampler and steps, which runtime sample and the Android demo use by default); needs --recommend-steps."
      })
  String recommendSampler;

  @Option(
      names = "--recommend-steps",
      paramLabel = "K",
      description = "The recommended sampler's steps (with --recommend-sampler).")
  Integer recommendSteps;

  @Option(
      names = "--recommend-guidance",
      paramLabel = "W",
      description =
          "The recommended guidance scale of a class-conditional model (with --recommend-sampler).")
  Double recommendGuidance;

  @Override
  public Integer call() throws Exception {
    if ((recommendSampler == null) != (recommendSteps == null)
        || (recommendGuidance != null && recommendSampler == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "--recommend-sampler and --recommend-steps come together (--recommend-guidance needs both)");
    }
    try (Checkpoints.Restored restored = Checkpoints.load(checkpoint)) {
      if (recommendSampler != null) {
        try {
          restored.card().recommend(recommendSampler, recommendSteps, recommendGuidance);
        } catch (InvalidInputException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
      }
      byte[] checked =
          TrainingJob.exportWithParity(
              restored.network(),
              restored.model().getNDManager(),
              restored.card(),
              restored.config().seed);
      try {
        AtomicFiles.write(out, stream -> stream.write(checked));
      } catch (IOException e) {
        throw WriteFailure.of(out, e);
      }
    }
    spec.commandLine().getErr().println("wrote " + out);
    return CliRunner.OK;
  }
}
