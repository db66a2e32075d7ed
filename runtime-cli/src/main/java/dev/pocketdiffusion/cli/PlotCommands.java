package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.io.OutputSet;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Small checks and messages shared by the plotting commands. */
final class PlotCommands {
  private PlotCommands() {}

  /**
   * Stages {@code out} as {@code --out} of {@code outputs} (refused if it is the model's file or
   * {@code --real}, when {@code real} is not null) and opens the model.
   */
  static ModelArgument open(OutputSet outputs, ModelOptions model, RealOption real, File out) {
    outputs.input("--model", model.file());
    if (real != null) {
      outputs.input("--real", real.real);
    }
    outputs.add("--out", out);
    return model.open();
  }

  /** Says where the picture went. */
  static void wrote(CommandSpec spec, File out) {
    spec.commandLine().getErr().println("wrote " + out);
  }

  /**
   * Parses a comma list of numbers for {@code option}.
   *
   * @throws ParameterException naming the option for a malformed or empty list
   */
  static double[] numbers(CommandSpec spec, String option, String list) {
    List<Double> values = new ArrayList<>();
    try {
      for (String part : list.split(",")) {
        if (!part.trim().isEmpty()) {
          values.add(Double.parseDouble(part.trim()));
        }
      }
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), option + " must be a comma list of numbers, got '" + list + "'");
    }
    if (values.isEmpty()) {
      throw new ParameterException(spec.commandLine(), option + " needs at least one value");
    }
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
