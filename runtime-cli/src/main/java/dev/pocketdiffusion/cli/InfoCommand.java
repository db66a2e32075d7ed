package dev.pocketdiffusion.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.onnx.OnnxBakedSampler;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runtime info}: prints a model's card. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Print the model card of a Pocket Diffusion .onnx file (process, schedule, prediction, training, metrics).",
    footer = {"", "Example:", "  runtime info --json models/moons.onnx"})
public final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin OperatorOption operators;

  @Option(names = "--json", description = "Print the card as one JSON object (for scripts).")
  boolean json;

  @Parameters(paramLabel = "M.onnx", description = "The model file.")
  File model;

  @Override
  public Integer call() {
    ModelCard card;
    if (OnnxBakedSampler.isBaked(model)) {
      try (OnnxBakedSampler baked =
          OnnxBakedSampler.builder()
              .setModel(model)
              .optAllowAnyOperator(operators.allowAnyOperator)
              .build()) {
        card = baked.card();
      }
    } else {
      try (OnnxNetwork network = OnnxNetwork.open(model, 1, operators.allowAnyOperator)) {
        card = OnnxDenoiser.readCard(network);
      }
    }
    if (json) {
      spec.commandLine().getOut().println(withRecipe(card));
      return CliRunner.OK;
    }
    spec.commandLine()
        .getOut()
        .println(
            model
                + ": "
                + card.path().process()
                + " process, "
                + card.path().numTimesteps()
                + " timesteps, predicts "
                + card.prediction().cliName()
                + ", dimension "
                + card.dimension());
    if (card.isBaked()) {
      spec.commandLine()
          .getOut()
          .println(
              "baked:    "
                  + card.bakedSampler()
                  + ", "
                  + card.bakedSteps()
                  + " steps, spacing "
                  + (card.bakedSpacing() == null ? "auto" : card.bakedSpacing())
                  + ", from "
                  + card.bakedFrom().get("file")
                  + " (sha256 "
                  + card.bakedFrom().get("sha256")
                  + "); inputs noise"
                  + (card.numClasses() > 0 ? ", label, guidance" : "")
                  + ", output samples");
    } else {
      SamplingRecipe recipe = card.samplingRecipe();
      spec.commandLine()
          .getOut()
          .println(
              "sampler:  "
                  + recipe.sampler()
                  + ", "
                  + recipe.steps()
                  + " steps"
                  + (card.numClasses() > 0 ? ", guidance " + recipe.guidance() : "")
                  + " (from the "
                  + (recipe.source().equals("card") ? "card" : "runtime's default")
                  + ")");
    }
    spec.commandLine().getOut().println("training: " + card.training());
    spec.commandLine().getOut().println("metrics:  " + card.metrics());
    return CliRunner.OK;
  }

  /**
   * The card's JSON with the sampling recipe every model has: keys {@code sampler}, {@code steps}
   * ({@code guidance} for a class-conditional model) and {@code sampler_source}, {@code "card"} or
   * {@code "default"}.
   */
  static String withRecipe(ModelCard card) {
    JsonObject json = JsonParser.parseString(card.toJson()).getAsJsonObject();
    SamplingRecipe recipe = card.samplingRecipe();
    json.addProperty("sampler", recipe.sampler());
    json.addProperty("steps", recipe.steps());
    if (card.numClasses() > 0) {
      json.addProperty("guidance", recipe.guidance());
    }
    json.addProperty("sampler_source", recipe.source());
    return PRETTY.toJson(json);
  }

  private static final Gson PRETTY =
      new GsonBuilder()
          .setPrettyPrinting()
          .disableHtmlEscaping()
          .serializeSpecialFloatingPointValues()
          .create();
}
