package dev.pocketdiffusion.trainer.cli;

import ai.djl.Device;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.cli.CliRunner;
import dev.pocketdiffusion.cli.VerboseOption;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.metrics.SampleQuality;
import dev.pocketdiffusion.plots.Plots;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.trainer.datasets.Datasets;
import dev.pocketdiffusion.trainer.training.Devices;
import dev.pocketdiffusion.trainer.training.RunFolder;
import dev.pocketdiffusion.trainer.training.TrainingConfig;
import dev.pocketdiffusion.trainer.training.TrainingJob;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trainer ablate}: one training run per value of each {@code --param}, everything else
 * shared, sampled at checkpoints over training: tiny-diffusion's ablation grid (rows are the runs,
 * columns the checkpoints) and the metrics of every cell.
 */
@Command(
    name = "ablate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train one run per value of each --param (NAME is a train option without dashes: lr, batch-size, width, ...),",
      "all other options shared, and sample each run's model (DDIM, 50 steps) at --checkpoints points over training.",
      "Writes DIR/ablation.png (rows: runs, columns: checkpoints, axes fitted to the real data), ablation.csv and ablation.md (metrics of every cell",
      "against one fresh draw of the run's dataset), and each run's 'trainer train' output in DIR/NAME=VALUE/."
    },
    footer = {
      "",
      "Example:",
      "  trainer ablate --param lr=1e-4,1e-3,1e-2 --dataset moons --steps 3000 --out runs/ablate-lr"
    })
public final class AblateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin TrainingOptions training;

  @Option(
      names = "--param",
      required = true,
      paramLabel = "NAME=V1,V2,...",
      description =
          "A train option and the values to try; repeat for more options (each is varied on its own).")
  List<String> params;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory (created if missing).")
  File out;

  @Option(
      names = "--checkpoints",
      defaultValue = "4",
      paramLabel = "C",
      description =
          "Checkpoints per run, evenly spaced, the last at the end (default: ${DEFAULT-VALUE}).")
  int checkpoints;

  @Option(
      names = "--samples",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Points sampled per cell (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--overwrite",
      description = "Replace the runs a previous ablation left in --out (else they are refused).")
  boolean overwrite;

  /** One run: the option it varies, the value, and its config. */
  private static final class Run {
    final String name;
    final String value;
    final TrainingConfig config;

    Run(String name, String value, TrainingConfig config) {
      this.name = name;
      this.value = value;
      this.config = config;
    }

    String label() {
      return name + "=" + value;
    }

    File folder(File out) {
      return runFolder(out, label());
    }
  }

  @Override
  public Integer call() throws IOException {
    if (checkpoints < 1 || checkpoints > 20) {
      throw new ParameterException(
          spec.commandLine(), "--checkpoints must be in 1..20, got " + checkpoints);
    }
    if (samples < 10) {
      throw new ParameterException(
          spec.commandLine(), "--samples must be at least 10, got " + samples);
    }
    training.toConfig(spec.commandLine());
    List<Run> runs = runs();
    RunFolder.Mode mode = overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.NEW;
    for (Run run : runs) {
      RunFolder.check(run.folder(out), mode); // all runs, before the first starts
    }
    training.configureEngine();
    List<Device> devices = new ArrayList<>();
    for (Run run : runs) {
      devices.add(Devices.parse(run.config.device));
    }
    List<Points> cells = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    StringBuilder csv = new StringBuilder();
    StringBuilder md = new StringBuilder();
    List<Points> references = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      Run run = runs.get(r);
      TrainingConfig config = run.config;
      Points reference =
          Datasets.byName(config.dataset, config.data == null ? null : new File(config.data))
              .sample(samples, config.seed + 1);
      references.add(reference);
      int[] steps = checkpointSteps(config.totalSteps());
      spec.commandLine().getErr().println("ablate: " + run.label());
      File runDir = run.folder(out);
      TrainingJob job =
          new TrainingJob(config, runDir, devices.get(r))
              .overwrite(overwrite)
              .snapshots(
                  steps,
                  (step, model) -> {
                    Points generated =
                        Sampling.generate(
                            model,
                            Samplers.create("ddim", TrainingJob.EVAL_STEPS),
                            samples,
                            config.seed);
                    Map<String, Double> scores =
                        SampleQuality.evaluate(reference, generated, config.seed).asMap();
                    cells.add(generated);
                    titles.add(String.format(Locale.ROOT, "%s, step %d", run.label(), step));
                    row(csv, md, run, step, scores);
                  });
      TrainingRunner.run(job);
    }
    Plots.scatterGrid(
        new File(out, "ablation.png"),
        300,
        checkpoints,
        titles.toArray(new String[0]),
        Plots.bounds(references.toArray(new Points[0])),
        cells.toArray(new Points[0]));
    AtomicFiles.writeString(new File(out, "ablation.csv"), csv.toString());
    AtomicFiles.writeString(new File(out, "ablation.md"), md.toString());
    spec.commandLine()
        .getErr()
        .println("wrote " + new File(out, "ablation.png") + ", ablation.csv, ablation.md");
    return CliRunner.OK;
  }

  /**
   * The folder in {@code out} of the run labelled {@code label}, path separators replaced, so a
   * value such as {@code data=../../../x.tsv} stays inside {@code out}.
   */
  static File runFolder(File out, String label) {
    return new File(out, label.replace('/', '_').replace('\\', '_'));
  }

  /** The steps of the checkpoints: evenly spaced, the last at {@code total}, each at least 1. */
  private int[] checkpointSteps(int total) {
    int[] steps = new int[checkpoints];
    for (int k = 0; k < checkpoints; k++) {
      steps[k] = Math.max(1, (int) Math.round(total * (k + 1) / (double) checkpoints));
    }
    return steps;
  }

  /** Adds one cell's metrics to both tables, starting each table with its header. */
  private static void row(
      StringBuilder csv, StringBuilder md, Run run, int step, Map<String, Double> scores) {
    if (csv.length() == 0) {
      csv.append("param,value,step");
      md.append("| run | step |");
      StringBuilder rule = new StringBuilder("|---|---|");
      for (String key : scores.keySet()) {
        csv.append(',').append(key);
        md.append(' ').append(key).append(" |");
        rule.append("---|");
      }
      csv.append('\n');
      md.append('\n').append(rule).append('\n');
    }
    csv.append(run.name).append(',').append(run.value).append(',').append(step);
    md.append("| ").append(run.label()).append(" | ").append(step).append(" |");
    for (double v : scores.values()) {
      boolean whole = v == Math.rint(v) && Math.abs(v) < 1e9;
      csv.append(',')
          .append(whole ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v));
      md.append(' ')
          .append(whole ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v))
          .append(" |");
    }
    csv.append('\n');
    md.append('\n');
  }

  /**
   * The runs: for each {@code --param} value, this command's training options with that one option
   * replaced, parsed and checked by {@link TrainingOptions} exactly as {@code train} would.
   */
  private List<Run> runs() {
    CommandSpec options = spec.mixins().get("training");
    Set<String> names = new HashSet<>();
    for (OptionSpec o : options.options()) {
      names.add(o.longestName());
    }
    List<Run> runs = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      OptionSpec varied = eq > 0 ? options.findOption("--" + param.substring(0, eq)) : null;
      if (varied == null || param.substring(eq + 1).trim().isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--param must be NAME=V1,V2,... with NAME a train option without dashes "
                + "(e.g. lr=1e-4,1e-3), got '"
                + param
                + "'");
      }
      String name = param.substring(0, eq);
      for (String value : param.substring(eq + 1).split(",")) {
        List<String> args = sharedArgs(names, varied);
        if (varied.arity().max == 0) {
          if (!value.equals("true") && !value.equals("false")) {
            throw new ParameterException(
                spec.commandLine(),
                "--param "
                    + name
                    + " is a flag: its values are true and false, got '"
                    + value
                    + "'");
          }
          if (value.equals("true")) {
            args.add(varied.longestName());
          }
        } else {
          args.add(varied.longestName());
          args.add(value.trim());
        }
        Run run = new Run(name, value.trim(), parse(args, name + "=" + value));
        if (!labels.add(run.label())) {
          throw new ParameterException(
              spec.commandLine(), "--param lists " + run.label() + " twice");
        }
        runs.add(run);
      }
    }
    return runs;
  }

  /** This command's training options as given, except {@code varied}. */
  private List<String> sharedArgs(Set<String> names, OptionSpec varied) {
    List<String> args = new ArrayList<>();
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (!names.contains(o.longestName()) || o.longestName().equals(varied.longestName())) {
        continue;
      }
      if (o.arity().max == 0) {
        args.add(o.longestName());
      } else {
        for (String v : o.originalStringValues()) {
          args.add(o.longestName());
          args.add(v);
        }
      }
    }
    return args;
  }

  private TrainingConfig parse(List<String> args, String what) {
    TrainingOptions options = new TrainingOptions();
    try {
      CommandLine parsedBy = new CommandLine(options);
      parsedBy.parseArgs(args.toArray(new String[0]));
      return options.toConfig(parsedBy);
    } catch (ParameterException e) {
      throw new ParameterException(spec.commandLine(), "--param " + what + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--param " + what + ": " + e.getMessage());
    }
  }
}
