package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.Json;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.trainer.training.Devices;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import java.io.File;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    footer = {"", "Example:", "  trainer train --dataset moons --out runs/moons --seed 1"})
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin TrainingOptions training;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
  File out;

  @Override
  public Integer call() throws Exception {
    TrainingConfig config = training.toConfig(spec.commandLine());
    training.configureEngine();
    Map<String, Double> metrics = new TrainingJob(config, out, Devices.parse(config.device)).run();
    spec.commandLine().getOut().println(Json.write(metrics));
    spec.commandLine().getErr().println("wrote " + new File(out, "model.onnx"));
    return CliRunner.OK;
  }
}
