package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.exporter.SamplerBaker;
import dev.pocketdiffusion.io.InputFiles;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.onnx.GraphCheck;
import dev.pocketdiffusion.onnx.OnnxBakedSampler;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.StepListener;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import java.io.File;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trainer bake}: one ONNX graph that runs a whole deterministic sampler. */
@Command(
    name = "bake",
    mixinStandardHelpOptions = true,
    description = {
      "Bake a deterministic sampler and an exported model into one ONNX graph: inputs noise float",
      "[N, D] (draws from the model's base, standard normal for gaussian) and, for conditional",
      "models, label int64 [N] and guidance float [1]; output samples float [N, D]. The time grid",
      "and coefficients come from the runtime's own sampler. Before writing, ONNX Runtime runs the",
      "baked graph and the runtime's sampler on 64 draws and the bake fails if they differ by more",
      "than 1e-4, or than 10 times the runtime's own change when the draws move by one float32",
      "ulp where that is larger (the graph computes in float32, the runtime's sampler in double)."
    },
    footer = {
      "",
      "Example:",
      "  trainer bake --model models/moons.onnx --sampler ddim --steps 50 --out moons-ddim-50.onnx"
    })
public final class BakeCommand implements Callable<Integer> {
  /**
   * Largest max |Δ| between the baked graph and the runtime's sampler that a bake always accepts.
   */
  static final double TOLERANCE = 1e-4;

  /**
   * A bake also passes within this many times the runtime's own change when its draws move by one
   * float32 ulp (the graph rounds to float32 at every step, not once).
   */
  static final double ROUNDING_MARGIN = 10;

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "M.onnx",
      description = "An .onnx model exported by the trainer.")
  File model;

  @Option(
      names = "--sampler",
      required = true,
      paramLabel = "S",
      description = "ddim, euler, heun, midpoint, rk4, dpm++2m, dpm++3m or unipc.")
  String sampler;

  @Option(
      names = "--steps",
      required = true,
      paramLabel = "K",
      description = "Number of sampler steps (1 to 1000).")
  int steps;

  @Option(
      names = "--spacing",
      paramLabel = "X",
      description =
          "Timestep spacing as for runtime sample (default auto: the sampler's recommended one).")
  String spacing;

  @Option(
      names = "--guidance",
      defaultValue = "1",
      paramLabel = "G",
      description =
          "Conditional models: the guidance scale of the bake-time check (the baked graph takes it as an input; default: ${DEFAULT-VALUE}).")
  double guidance;

  @Option(
      names = "--loop",
      description = {
        "Prototype: an ONNX Loop around one copy of the network instead of one copy per call (ddim and",
        "euler only). Loop is outside the operators the runtime checks, so the file runs only with",
        "--allow-any-operator."
      })
  boolean loop;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "B.onnx",
      description = "Where to write the baked model.")
  File out;

  @Override
  public Integer call() throws Exception {
    if (steps < 1 || steps > 1000) {
      throw new ParameterException(spec.commandLine(), "--steps must be in 1..1000, got " + steps);
    }
    String chosenSpacing = spacing == null || spacing.equals("auto") ? null : spacing;
    if (chosenSpacing != null) {
      TimestepSpacing.parse(chosenSpacing);
    }
    try (OutputSet outputs = new OutputSet()) {
      outputs.input("--model", model);
      outputs.add("--out", out);
      byte[] source = InputFiles.readAll(model, "model file", GraphCheck.MAX_MODEL_BYTES);
      byte[] baked;
      Agreement agreement;
      baked =
          SamplerBaker.bake(source, model.getName(), sampler, steps, chosenSpacing, loop)
              .toByteArray();
      try {
        GraphCheck.check(baked, out.toString(), loop);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(
            e.getMessage()
                + "; the baked graph holds one copy of the network per model call, so bake fewer"
                + " steps or a sampler with fewer calls per step",
            e);
      }
      try (OnnxDenoiser network = OnnxDenoiser.load(model)) {
        agreement = check(network, baked, chosenSpacing);
      }
      if (!(agreement.diff() <= agreement.tolerance())) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "%s: the baked graph differs from the runtime's %s by %.3g (more than %.2g, the"
                    + " larger of 1e-4 and 10 times the runtime's own change when its draws move"
                    + " by one float32 ulp); not written",
                model,
                sampler,
                agreement.diff(),
                agreement.tolerance()));
      }
      outputs.writeStream(out, stream -> stream.write(baked));
      outputs.commit();
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "wrote %s (%s, %d steps, %d bytes; max |Δ| %.2g against the runtime on 64 draws,"
                  + " tolerance %.2g)%n",
              out,
              sampler,
              steps,
              baked.length,
              agreement.diff(),
              agreement.tolerance());
    }
    return CliRunner.OK;
  }

  /** How far the baked graph lands from the runtime's sampler, and what the check allows. */
  private record Agreement(double diff, double tolerance) {}

  /**
   * Max |Δ| between the baked graph and the runtime's sampler on 64 draws, and the tolerance: 1e-4,
   * or ten times the runtime's own change when the draws move by one float32 ulp, whichever is
   * larger. The graph computes in float32 where the runtime's sampler computes in double; a network
   * with sharp inputs (dino-edm's --input-scale 200) amplifies that rounding along the trajectory,
   * and the runtime's samples move as much under a one-ulp nudge of the draws.
   */
  private Agreement check(OnnxDenoiser network, byte[] baked, String chosenSpacing) {
    int n = 64;
    int dim = network.dimension();
    Random rng = new Random(1);
    Points z = new Points(n, dim, Sampling.drawStart(network, n, rng));
    double[] moved = z.data().clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] = Math.nextUp((float) moved[i]);
    }
    boolean labelled = network.numClasses() > 0;
    Denoiser denoiser = labelled ? Guidance.of(network, 0, guidance) : network;
    Points expected = runtimeSamples(denoiser, z, chosenSpacing);
    Points nudged = runtimeSamples(denoiser, new Points(n, dim, moved), chosenSpacing);
    double tolerance = Math.max(TOLERANCE, ROUNDING_MARGIN * maxAbsDiff(expected, nudged));
    try (OnnxBakedSampler model =
        OnnxBakedSampler.builder()
            .setModelBytes(baked, out.toString())
            .optAllowAnyOperator(loop)
            .build()) {
      Points actual = labelled ? model.sample(z, 0, guidance) : model.sample(z);
      return new Agreement(maxAbsDiff(expected, actual), tolerance);
    }
  }

  private Points runtimeSamples(Denoiser denoiser, Points start, String chosenSpacing) {
    return Sampling.generate(
        denoiser,
        Samplers.create(
            sampler,
            steps,
            0.0,
            chosenSpacing == null ? null : TimestepSpacing.parse(chosenSpacing)),
        start,
        0,
        StepListener.NONE);
  }

  private static double maxAbsDiff(Points a, Points b) {
    double worst = 0;
    for (int i = 0; i < a.data().length; i++) {
      worst = Math.max(worst, Math.abs(a.data()[i] - b.data()[i]));
    }
    return worst;
  }
}
