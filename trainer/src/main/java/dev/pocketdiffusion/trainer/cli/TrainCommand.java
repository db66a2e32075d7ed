package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.io.Json;
import dev.pocketdiffusion.trainer.training.Devices;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import dev.pocketdiffusion.trainer.training.TrainingResult;
import java.io.File;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trainer train}: trains a model and exports it. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a diffusion (vp, ve) or flow-matching model on a 2-D dataset, export it to DIR/model.onnx,",
      "check ONNX Runtime against DJL on 10 000 inputs, sample 1000 points (DDIM, 50 steps) and score them.",
      "Writes DIR/model.onnx, samples.csv, samples.png, metrics.json, loss.csv, config.json, checkpoint/."
    },
    footer = {
      "",
      "Examples:",
      "  trainer train --dataset moons --out runs/moons --seed 1",
      "  trainer train --resume --out runs/moons      (continue a run stopped by Ctrl-C or a crash)",
      "  trainer train --dataset moons --out runs/moons --overwrite   (replace that run)"
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin TrainingOptions training;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory (created if missing).")
  File out;

  @Option(
      names = "--resume",
      description = {
        "Continue the run in --out from its last checkpoint with the settings recorded there;",
        "it ends exactly as the uninterrupted run would (same losses, same weights). Takes no other training flag."
      })
  boolean resume;

  @Option(
      names = "--overwrite",
      description =
          "Replace the finished or interrupted run in --out (without it, such a folder is refused).")
  boolean overwrite;

  private static final Set<String> RESUME_FLAGS =
      new HashSet<>(Arrays.asList("--resume", "--out", "--threads", "--device", "--verbose"));

  @Override
  public Integer call() throws Exception {
    if (resume) {
      for (OptionSpec given : spec.commandLine().getParseResult().matchedOptions()) {
        if (!RESUME_FLAGS.contains(given.longestName())) {
          throw new ParameterException(
              spec.commandLine(),
              given.longestName()
                  + " cannot change a resumed run: --resume takes only --out, --threads, --device and --verbose");
        }
      }
      training.configureEngine();
      return report(
          TrainingRunner.run(
              TrainingJob.resume(
                  out, training.device == null ? null : Devices.parse(training.device))));
    }
    TrainingConfig config = training.toConfig(spec.commandLine());
    training.configureEngine();
    return report(
        TrainingRunner.run(
            new TrainingJob(config, out, Devices.parse(config.device)).overwrite(overwrite)));
  }

  private int report(TrainingResult result) {
    spec.commandLine().getOut().println(Json.write(result.metrics()));
    spec.commandLine().getErr().println("wrote " + new File(out, "model.onnx"));
    return CliRunner.OK;
  }
}
