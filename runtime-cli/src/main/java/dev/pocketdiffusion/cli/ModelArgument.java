package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.analytic.PointSetDenoiser;
import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.onnx.OnnxBakedSampler;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.BaseDistribution;
import dev.pocketdiffusion.paths.NoiseProcess;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.Denoiser;
import java.io.File;

/**
 * What {@code --model} names: an exported {@code .onnx} file, or a closed-form denoiser that needs
 * no training — {@code gaussian:M1,…,MD,S} (data N(μ, S²I); a single M means (M, M)) or {@code
 * points:FILE.csv} (a uniform mixture of the file's points). Closed-form models run on the path
 * chosen with {@code --process}/{@code --schedule}; an ONNX model's card fixes its own.
 */
final class ModelArgument implements AutoCloseable {
  private final Denoiser denoiser;
  private final OnnxDenoiser onnx;
  private final Points data;

  private ModelArgument(Denoiser denoiser, OnnxDenoiser onnx, Points data) {
    this.denoiser = denoiser;
    this.onnx = onnx;
    this.data = data;
  }

  /** The data a {@code points:} model is the mixture of, or null for other models. */
  Points data() {
    return data;
  }

  /** How to sample it: an ONNX model's card recommendation, else the runtime's default. */
  SamplingRecipe recipe() {
    return onnx == null ? SamplingRecipe.DEFAULT : onnx.card().samplingRecipe();
  }

  /** The opened model. */
  Denoiser denoiser() {
    return denoiser;
  }

  /** The file {@code spec} reads (the .onnx file, or a points: model's CSV), or null for none. */
  static File file(String spec) {
    if (spec.startsWith("points:")) {
      return new File(spec.substring(7));
    }
    return spec.startsWith("gaussian:") ? null : new File(spec);
  }

  /** True if {@code spec} names an {@code .onnx} file whose card says it is a baked sampler. */
  static boolean isBaked(String spec) {
    File file = file(spec);
    return file != null && !spec.startsWith("points:") && OnnxBakedSampler.isBaked(file);
  }

  /**
   * Opens {@code spec}; {@code process}/{@code schedule} may be null (defaults: vp, linear); {@code
   * allowAnyOperator} lets an ONNX graph use operators the exporter never emits.
   *
   * @throws InvalidInputException for an unreadable file or a malformed spec
   * @throws IllegalArgumentException for a process option given with an ONNX model
   */
  static ModelArgument open(
      String spec, String process, String schedule, int threads, boolean allowAnyOperator) {
    if (spec.startsWith("gaussian:") || spec.startsWith("points:")) {
      AffinePath path = path(process, schedule);
      if (spec.startsWith("points:")) {
        Points points = PointsCsv.read(file(spec));
        return new ModelArgument(new PointSetDenoiser(path, points), null, points);
      }
      double[] values = numbers(spec.substring(9), spec);
      double std = values[values.length - 1];
      double[] mean =
          values.length == 2
              ? new double[] {values[0], values[0]}
              : java.util.Arrays.copyOf(values, values.length - 1);
      // ε cannot be sampled where a(1) = 0 (flow); x0 is exact on every path
      Prediction prediction = path.at(1.0).a == 0 ? Prediction.X0 : Prediction.EPSILON;
      return new ModelArgument(new GaussianDenoiser(path, mean, std, prediction), null, null);
    }
    if (process != null || schedule != null) {
      throw new IllegalArgumentException(
          "--process and --schedule are for closed-form models; "
              + spec
              + "'s card fixes its path");
    }
    OnnxDenoiser model =
        OnnxDenoiser.builder()
            .setModel(new File(spec))
            .optIntraOpThreads(threads)
            .optAllowAnyOperator(allowAnyOperator)
            .build();
    return new ModelArgument(model, model, null);
  }

  /**
   * The path of a closed-form model: {@code process}/{@code schedule} or null for the defaults (vp,
   * linear).
   */
  static AffinePath path(String process, String schedule) {
    NoiseProcess kind = process == null ? NoiseProcess.VP : NoiseProcess.parse(process);
    if (schedule != null) {
      kind.checkTakesSchedule();
    }
    String defaultSchedule = kind == NoiseProcess.VE ? "geometric" : "linear";
    return kind.path(
        schedule == null ? defaultSchedule : schedule, BaseDistribution.GAUSSIAN.cliName(), 1000);
  }

  private static double[] numbers(String list, String spec) {
    String[] parts = list.split(",");
    if (parts.length < 2) {
      throw new IllegalArgumentException(
          "'" + spec + "': expected gaussian:MEAN,...,STD (e.g. gaussian:0.5,1)");
    }
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + spec + "': '" + parts[i] + "' is not a number");
      }
    }
    return values;
  }

  @Override
  public void close() {
    if (onnx != null) {
      onnx.close();
    }
  }
}
