package dev.pocketdiffusion.trainer.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.trainer.zoo.ZooEntry;
import dev.pocketdiffusion.trainer.zoo.ZooEvaluation;
import dev.pocketdiffusion.trainer.zoo.ZooIndex;
import dev.pocketdiffusion.trainer.zoo.ZooReport;
import dev.pocketdiffusion.trainer.zoo.ZooResult;
import dev.pocketdiffusion.trainer.zoo.ZooSpec;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trainer zoo}: retrains the pretrained models from their list and regenerates their table.
 */
@Command(
    name = "zoo",
    mixinStandardHelpOptions = true,
    description = {
      "Remake every model listed in models/zoo.tsv, in order: trainer train from",
      "scratch, or for a student trainer distill (or reflow) of the zoo model listed",
      "above it that its --teacher models/NAME.onnx names, read from --out.",
      "Write each model's recommended sampler, steps and guidance into its card",
      "(keys sampler, steps, guidance), sample it with them, score it against its",
      "data, and write models/NAME.onnx, models/NAME.png, models/zoo.json and the",
      "table in models/README.md (generated from zoo.json, never typed)."
    },
    footer = {
      "",
      "Examples:",
      "  trainer zoo                    (everything; 37 minutes on a busy 2-core",
      "                                 machine before the students joined)",
      "  trainer zoo --only moons --only dino",
      "  trainer zoo --only moons-2call (the student, from the models/moons.onnx there)",
      "  trainer zoo --skip-training    (re-score the models already in models/)"
    })
public final class ZooCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Option(
      names = "--list",
      defaultValue = "models/zoo.tsv",
      paramLabel = "FILE",
      description =
          "The models: name, sampler, steps, guidance, trainer arguments (default: ${DEFAULT-VALUE}).")
  File list;

  @Option(
      names = "--out",
      defaultValue = "models",
      paramLabel = "DIR",
      description = "Where the models go (default: ${DEFAULT-VALUE}).")
  File out;

  @Option(
      names = "--work",
      defaultValue = "runs/zoo",
      paramLabel = "DIR",
      description = "Where the training runs go (default: ${DEFAULT-VALUE}).")
  File work;

  @Option(names = "--only", paramLabel = "NAME", description = "Only this model (repeatable).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--skip-training",
      description =
          "Re-score the models already in --out instead of retraining them (their cards get zoo.tsv's"
              + " sampler, steps and guidance).")
  boolean skipTraining;

  @Option(
      names = "--samples",
      defaultValue = "2000",
      paramLabel = "N",
      description = "Points per evaluation (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--repeats",
      defaultValue = "4",
      paramLabel = "K",
      description = "Sample seeds per model (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Override
  public Integer call() throws Exception {
    if (samples < 100 || repeats < 2) {
      throw new ParameterException(
          spec.commandLine(), "--samples must be at least 100 and --repeats at least 2");
    }
    List<ZooEntry> entries = ZooSpec.read(list);
    List<ZooEntry> chosen = new ArrayList<>();
    for (ZooEntry e : entries) {
      if (only.isEmpty() || only.contains(e.name())) {
        chosen.add(e);
      }
    }
    if (chosen.size() < Math.max(only.size(), 1)) {
      throw new ParameterException(
          spec.commandLine(), "--only names a model that " + list + " does not list");
    }
    File indexFile = new File(out, "zoo.json");
    ZooIndex index = ZooIndex.read(indexFile);
    PrintWriter err = spec.commandLine().getErr();
    for (ZooEntry entry : chosen) {
      File model = new File(out, entry.name() + ".onnx");
      double seconds = 0;
      if (!skipTraining) {
        seconds = train(entry, model);
      } else {
        if (index.find(entry.name()) != null) {
          seconds = index.find(entry.name()).trainingSeconds;
        }
        byte[] bytes = entry.recommendIn(Files.readAllBytes(model.toPath()), model.getPath());
        AtomicFiles.write(model, stream -> stream.write(bytes));
      }
      err.println("zoo: scoring " + entry.name() + " with " + recipe(entry));
      try (OnnxDenoiser onnx = OnnxDenoiser.load(model)) {
        ZooEvaluation evaluation = new ZooEvaluation(entry, onnx, new File("."));
        ZooResult result = evaluation.measure(model.length(), samples, repeats);
        result.trainingSeconds = seconds;
        picture(entry, evaluation, onnx, new File(out, entry.name() + ".png"));
        index.put(result, entries);
        ZooReport.write(index, indexFile, new File(out, "README.md"));
        err.println(
            "zoo: " + entry.name() + " " + result.metrics.keySet().size() + " scores written");
      }
    }
    return CliRunner.OK;
  }

  /**
   * Runs the entry's {@code trainer} command, as the command line would, into {@code --work}; a
   * student reads its teacher from {@code --out}, so a full run distils the teacher it has just
   * retrained and {@code --only STUDENT} the one already there.
   */
  private double train(ZooEntry entry, File model) throws IOException {
    File run = new File(work, entry.name());
    List<String> args = entry.arguments(out);
    File teacher = entry.teacherFile(out);
    if (teacher != null && !teacher.isFile()) {
      throw new InvalidInputException(
          teacher
              + ": "
              + entry.name()
              + "'s teacher is missing; make it first with trainer zoo --only "
              + entry.teacher().name());
    }
    args.add("--out");
    args.add(run.getPath());
    spec.commandLine()
        .getErr()
        .println("zoo: trainer " + entry.trainer() + " " + String.join(" ", args));
    long start = System.nanoTime();
    int code =
        CliRunner.run(
            "trainer",
            command(entry.trainer()),
            spec.commandLine().getOut(),
            spec.commandLine().getErr(),
            args.toArray(new String[0]));
    if (code != CliRunner.OK) {
      throw new IllegalStateException(
          "training " + entry.name() + " failed (exit " + code + "); see the message above");
    }
    File trained = new File(run, "model.onnx");
    byte[] bytes = entry.recommendIn(Files.readAllBytes(trained.toPath()), trained.getPath());
    AtomicFiles.write(model, stream -> stream.write(bytes));
    return (System.nanoTime() - start) / 1e9;
  }

  /** A fresh instance of the {@code trainer} subcommand {@code name} (one of ZooEntry.COMMANDS). */
  private static Callable<Integer> command(String name) {
    switch (name) {
      case "distill":
        return new DistillCommand();
      case "reflow":
        return new ReflowCommand();
      case "train":
        return new TrainCommand();
      default:
        throw new IllegalArgumentException("no trainer command " + name);
    }
  }

  /** "unipc, 15 steps": the sampler a picture's title names. */
  private static String recipe(ZooEntry entry) {
    return entry.sampler() + ", " + entry.steps() + " " + ZooReport.stepWord(entry.steps());
  }

  /**
   * Real beside generated points for an unconditional model; for a conditional one, every class in
   * its own colour with a legend, then each class's samples over its data.
   */
  private static void picture(
      ZooEntry entry, ZooEvaluation evaluation, OnnxDenoiser model, File png) throws IOException {
    int classes = model.numClasses();
    if (classes == 0) {
      Plots.scatterPanels(
          png,
          new String[] {
            "data (" + entry.dataset() + ")", entry.name() + " (" + recipe(entry) + ")"
          },
          evaluation.data(-1, 1000, 0),
          evaluation.sample(-1, 1000, 0));
      return;
    }
    String[] names = model.card().classNames().toArray(new String[0]);
    Points[] sets = new Points[classes];
    Points[] data = new Points[classes];
    for (int k = 0; k < classes; k++) {
      sets[k] = evaluation.sample(k, 400, k);
      data[k] = evaluation.data(k, 400, k);
    }
    Plots.classPanels(
        png,
        entry.name() + " (" + recipe(entry) + ", guidance " + entry.guidance() + ")",
        names,
        sets,
        data,
        Math.min(classes + 1, 6));
  }
}
