package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.onnx.OnnxBakedSampler;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.sampling.Guidance;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code runtime sample} on a baked model: one ONNX Runtime call per batch, the sampler being the
 * one in the graph. Batch k starts from the draws {@link Sampling#generate} would make from {@code
 * batchSeed(seed, k)}, or from {@code --start}'s rows. Sampler options that disagree with the card
 * are refused.
 */
final class BakedSampling {
  private final SampleCommand command;
  private final CommandLine cli;

  BakedSampling(SampleCommand command) {
    this.command = command;
    this.cli = command.spec.commandLine();
  }

  void run(OutputSet outputs) throws IOException {
    try (OnnxBakedSampler baked =
        OnnxBakedSampler.builder()
            .setModel(command.model.file())
            .optIntraOpThreads(command.model.threads)
            .optAllowAnyOperator(command.model.operators.allowAnyOperator)
            .build()) {
      checkOptions(baked.card());
      double guidance =
          command.guidance != null
              ? command.guidance
              : baked.card().samplingRecipe().guidance(); // as the Java loop's default
      if (command.label != null) {
        Guidance.check(baked.numClasses(), command.label, guidance);
      }
      Limits.sampling(
          cli, Math.min(command.count, command.batchSize), baked.dimension(), 0, "--batch-size");
      long start = System.nanoTime();
      List<Points> kept = command.plot == null ? null : new ArrayList<>();
      if (command.out == null) {
        PrintWriter stdout = cli.getOut();
        write(stdout, baked, guidance, kept);
        if (stdout.checkError()) {
          throw new InvalidInputException(
              "standard output: write failed (full disk or closed pipe), the samples are incomplete; use --out FILE.csv");
        }
      } else {
        outputs.writeStream(
            command.out,
            stream ->
                write(
                    new BufferedWriter(
                        new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16),
                    baked,
                    guidance,
                    kept));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ModelCard card = baked.card();
      String what = "baked " + card.bakedSampler() + ", " + card.bakedSteps() + " steps";
      if (command.plot != null) {
        outputs.write(
            command.plot,
            staged ->
                Plots.scatterPanels(
                    staged, new String[] {"samples (" + what + ")"}, SampleCommand.concat(kept)));
      }
      cli.getErr()
          .printf(
              Locale.ROOT,
              "wrote %d samples to %s (%s, one ONNX Runtime call per batch, %.2f s)%n",
              command.count,
              command.out == null ? "standard output" : command.out,
              what,
              seconds);
    }
  }

  private void write(Writer w, OnnxBakedSampler baked, double guidance, List<Points> kept)
      throws IOException {
    PointsCsv.writeHeader(w, baked.dimension());
    Points all = command.startDraws;
    for (int k = 0, from = 0; from < command.count; k++, from += command.batchSize) {
      int size = Math.min(command.batchSize, command.count - from);
      Points z =
          all == null
              ? baked.draws(size, Sampling.batchSeed(command.seed, k))
              : new Points(
                  size,
                  all.dimension(),
                  java.util.Arrays.copyOfRange(
                      all.data(), from * all.dimension(), (from + size) * all.dimension()));
      Points batch =
          command.label == null ? baked.sample(z) : baked.sample(z, command.label, guidance);
      PointsCsv.writeRows(w, batch);
      if (kept != null) {
        kept.add(batch);
      }
    }
    w.flush();
  }

  /** Refuses sampler options that disagree with what the graph holds. */
  private void checkOptions(ModelCard card) {
    CommandLine.ParseResult parsed = cli.getParseResult();
    SamplerOptions s = command.sampling;
    String fix = "; the baked model runs its own sampler, so leave the option out";
    if (parsed.hasMatchedOption("--sampler") && !s.sampler.equals(card.bakedSampler())) {
      throw new ParameterException(
          cli, "--sampler " + s.sampler + " disagrees with the baked " + card.bakedSampler() + fix);
    }
    if (parsed.hasMatchedOption("--steps") && s.steps != card.bakedSteps()) {
      throw new ParameterException(
          cli, "--steps " + s.steps + " disagrees with the baked " + card.bakedSteps() + fix);
    }
    String spacing = card.bakedSpacing() == null ? "auto" : card.bakedSpacing();
    if (parsed.hasMatchedOption("--spacing") && !Objects.equals(s.spacing, spacing)) {
      throw new ParameterException(
          cli, "--spacing " + s.spacing + " disagrees with the baked " + spacing + fix);
    }
    if (parsed.hasMatchedOption("--eta") && s.eta != 0) {
      throw new ParameterException(
          cli, "--eta " + s.eta + ": a baked sampler is deterministic" + fix);
    }
    if (command.trajectory != null) {
      throw new ParameterException(
          cli, "--trajectory needs the sampler's steps, which a baked model runs inside one call");
    }
  }
}
