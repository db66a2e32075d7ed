package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.Json;
import dev.pocketdiffusion.io.OutputSet;
import dev.pocketdiffusion.io.PointsCsv;
import dev.pocketdiffusion.metrics.Mmd;
import dev.pocketdiffusion.metrics.PrecisionRecall;
import dev.pocketdiffusion.metrics.SampleQuality;
import dev.pocketdiffusion.plots.FrontierChart;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtime frontier}: quality against model calls for a teacher's samplers, its students and
 * a reference run, as a table and a picture.
 */
@Command(
    name = "frontier",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure quality against model calls. Draws -n points from each of --seeds for:",
      "  - each sampler of --samplers at each budget of --calls, with the step count",
      "    that makes exactly that many calls (a budget it cannot meet is named",
      "    on stderr and skipped);",
      "  - each --student, with its card's sampler and steps;",
      "  - the teacher with --reference (default DDPM-1000).",
      "Scores each run against --real with MMD² and precision/recall (k = 3), as",
      "'runtime eval' does, and prints a markdown table of mean ± standard error",
      "over the seeds. --md, --tsv, --json and --plot write the table and the",
      "picture (precision, recall and MMD² against model calls on a log axis: a",
      "line per sampler, a marker per student, the reference dashed). The files",
      "appear together or not at all."
    },
    footer = {
      "",
      "Example (the moons frontier of docs/frontier.md):",
      "  trainer dataset --dataset moons -n 10000 --seed 11 --out real.csv",
      "  runtime frontier --model models/moons.onnx --samplers dpm++2m,unipc,heun \\",
      "    --student models/moons-2call.onnx --real real.csv \\",
      "    --md moons.md --plot moons.png"
    })
public final class FrontierCommand implements Callable<Integer> {
  /** Most call budgets: a budget's step count is searched, and every run is scored. */
  static final int MAX_CALLS = 10_000;

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin ModelOptions model;

  @Option(
      names = "--samplers",
      split = ",",
      defaultValue = "ddim,dpm++2m,unipc,heun,euler",
      paramLabel = "NAME",
      description = {
        "The teacher's samplers, comma-separated (default: ${DEFAULT-VALUE});",
        "any sampler except adaptive (" + Samplers.NAMES + ")."
      })
  List<String> samplers;

  @Option(
      names = "--calls",
      split = ",",
      defaultValue = "1,2,4,8,15,25,50",
      paramLabel = "C",
      description = {
        "Model-call budgets, comma-separated (default: ${DEFAULT-VALUE}). Each sampler",
        "runs with the step count that makes exactly C calls: " + Samplers.CALLS + "."
      })
  List<Integer> calls;

  @Option(
      names = "--student",
      paramLabel = "S.onnx",
      description =
          "A student model, sampled with its card's sampler and steps (repeat for several).")
  List<File> students = new ArrayList<>();

  @Option(
      names = "--reference",
      defaultValue = "ddpm:1000",
      paramLabel = "SAMPLER:STEPS",
      description =
          "The teacher's reference run, drawn as a dashed line (default: ${DEFAULT-VALUE}; none for no reference).")
  String reference;

  @Option(
      names = "--real",
      required = true,
      paramLabel = "REAL.csv",
      description = "Reference points to score against (header x,y), e.g. from 'trainer dataset'.")
  File real;

  @Option(
      names = "--seeds",
      split = ",",
      defaultValue = "1,2,3",
      paramLabel = "S",
      description =
          "Sample seeds, comma-separated; one scored run each (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(
      names = "-n",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Points per run (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--jobs",
      defaultValue = "1",
      paramLabel = "J",
      description =
          "Runs sampled and scored at a time, one thread each (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--md", paramLabel = "FILE.md", description = "Write the markdown table.")
  File md;

  @Option(
      names = "--tsv",
      paramLabel = "FILE.tsv",
      description = "Write the table as tab-separated values (full precision).")
  File tsv;

  @Option(
      names = "--json",
      paramLabel = "FILE.json",
      description = "Write the table as JSON, with every seed's values.")
  File json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the frontier picture.")
  File plot;

  @Option(
      names = "--title",
      paramLabel = "TEXT",
      description = "The picture's title (default: the model's file name).")
  String title;

  @Override
  public Integer call() throws Exception {
    checkOptions();
    Points realPoints = EvalCommand.checked(real, PointsCsv.read(real));
    try (OutputSet outputs = new OutputSet()) {
      outputs.input("--model", model.file());
      outputs.input("--real", real);
      for (File s : students) {
        outputs.input("--student", s);
      }
      outputs.add("--md", md);
      outputs.add("--tsv", tsv);
      outputs.add("--json", json);
      outputs.add("--plot", plot);
      long start = System.nanoTime();
      List<FrontierRow> rows = measure(realPoints);
      String table = FrontierTable.markdown(rows);
      write(outputs, md, table);
      write(outputs, tsv, FrontierTable.tsv(rows));
      write(outputs, json, Json.write(report(rows)));
      if (plot != null) {
        String name = title != null ? title : new File(model.model).getName();
        outputs.write(
            plot,
            staged ->
                FrontierChart.write(
                    staged,
                    name,
                    FrontierTable.PANEL_TITLES,
                    FrontierTable.PANEL_LOG_FLOORS,
                    FrontierTable.series(rows)));
      }
      outputs.commit();
      spec.commandLine().getOut().print(table);
      spec.commandLine().getOut().flush();
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "scored %d rows x %d seeds x %d points in %.1f s%n",
              rows.size(),
              seeds.size(),
              count,
              (System.nanoTime() - start) / 1e9);
    }
    return CliRunner.OK;
  }

  private void checkOptions() {
    if (seeds.isEmpty() || new LinkedHashSet<>(seeds).size() != seeds.size()) {
      throw new ParameterException(
          spec.commandLine(), "--seeds must be distinct seeds, got " + seeds);
    }
    Limits.range(spec.commandLine(), "-n", count, 4, EvalCommand.MAX_POINTS);
    Limits.threads(spec.commandLine(), "--jobs", jobs);
    for (int c : calls) {
      Limits.range(spec.commandLine(), "--calls", c, 1, MAX_CALLS);
    }
    for (String s : samplers) {
      if ("adaptive".equals(s)) {
        throw new ParameterException(
            spec.commandLine(), "--samplers: adaptive chooses its own calls; leave it out");
      }
      Samplers.create(s, 1);
    }
    if (ModelArgument.isBaked(model.model)) {
      throw new ParameterException(
          spec.commandLine(),
          "--model " + model.model + " is a baked sampler with fixed steps; give its source model");
    }
  }

  /** Plans every row, then samples and scores each with every seed. */
  private List<FrontierRow> measure(Points realPoints) throws InterruptedException {
    List<FrontierRow> rows = new ArrayList<>();
    List<String> specs = new ArrayList<>();
    List<ModelArgument> opened = new ArrayList<>();
    try {
      ModelArgument teacher = model.open();
      opened.add(teacher);
      Denoiser d = teacher.denoiser();
      String name = model.file() != null ? model.file().getName() : model.model;
      if (d.dimension() != realPoints.dimension()) {
        throw new InvalidInputException(
            real
                + " has "
                + realPoints.dimension()
                + " columns but the model makes "
                + d.dimension());
      }
      Limits.sampling(spec.commandLine(), count, d.dimension(), 0, "-n");
      if (!"none".equals(reference)) {
        String[] parts = reference.split(":", -1);
        int steps = parts.length == 2 ? parseSteps(parts[1]) : -1;
        if (steps < 1) {
          throw new ParameterException(
              spec.commandLine(),
              "--reference must be SAMPLER:STEPS (e.g. ddpm:1000) or none, got " + reference);
        }
        checkSteps(d, "--reference", steps);
        Samplers.create(parts[0], steps);
        rows.add(
            new FrontierRow(FrontierRow.Kind.REFERENCE, name, parts[0], steps, 0, seeds.size()));
        specs.add(model.model);
      }
      for (String s : samplers) {
        Map<Integer, Integer> stepsFor = stepsForCalls(s, d);
        List<Integer> skipped = new ArrayList<>();
        for (int c : new LinkedHashSet<>(calls)) {
          Integer steps = stepsFor.get(c);
          if (steps == null) {
            skipped.add(c);
            continue;
          }
          rows.add(new FrontierRow(FrontierRow.Kind.SAMPLER, name, s, steps, c, seeds.size()));
          specs.add(model.model);
        }
        if (!skipped.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println(
                  "frontier: "
                      + s
                      + " makes no exact "
                      + skipped
                      + " model calls on this model; those budgets are skipped");
        }
      }
      for (File file : students) {
        ModelArgument student = open(file.getPath());
        opened.add(student);
        Denoiser sd = student.denoiser();
        if (sd.dimension() != d.dimension()) {
          throw new InvalidInputException(
              "--student "
                  + file
                  + " makes "
                  + sd.dimension()
                  + "-D points, the teacher "
                  + d.dimension());
        }
        rows.add(
            new FrontierRow(
                FrontierRow.Kind.STUDENT,
                file.getName(),
                student.recipe().sampler(),
                student.recipe().steps(),
                0,
                seeds.size()));
        specs.add(file.getPath());
      }
      if (rows.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "nothing to measure: no sampler meets any of --calls " + calls);
      }
      score(rows, specs, realPoints, opened);
      return rows;
    } finally {
      synchronized (opened) {
        for (ModelArgument m : opened) {
          m.close();
        }
      }
    }
  }

  /** Opens {@code spec} as the teacher ({@code --model} with its options) or a student. */
  private ModelArgument open(String spec) {
    return spec.equals(model.model)
        ? model.open()
        : ModelArgument.open(spec, null, null, model.threads, model.operators.allowAnyOperator);
  }

  private static int parseSteps(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void checkSteps(Denoiser d, String option, int steps) {
    int total = d.path().numTimesteps();
    Limits.range(
        spec.commandLine(), option + " steps", steps, 1, total > 0 ? total : Limits.MAX_STEPS);
  }

  /**
   * The step count that makes each budget of {@code --calls} exactly, for the budgets {@code name}
   * can meet on {@code d}: found by running the sampler on one point (its call count after a run is
   * exact, e.g. heun's 2K − 1 on vp), searching K by bisection since calls grow with K.
   */
  private Map<Integer, Integer> stepsForCalls(String name, Denoiser d) {
    int total = d.path().numTimesteps();
    Map<Integer, Integer> found = new TreeMap<>();
    for (int budget : new LinkedHashSet<>(calls)) {
      int lo = 1;
      int hi = total > 0 ? Math.min(budget, total) : budget;
      while (lo <= hi) {
        int k = (lo + hi) >>> 1;
        int made = callsOf(name, k, d);
        if (made == budget) {
          found.put(budget, k);
          break;
        }
        if (made < budget) {
          lo = k + 1;
        } else {
          hi = k - 1;
        }
      }
    }
    return found;
  }

  private static int callsOf(String name, int steps, Denoiser d) {
    Sampler probe = Samplers.create(name, steps);
    Sampling.generate(d, probe, 1, 0);
    return probe.modelCalls();
  }

  /**
   * Samples and scores every row with every seed, {@code --jobs} runs at a time (a model's calls
   * are serialised, the scoring runs in parallel), with a progress bar on standard error.
   */
  private void score(
      List<FrontierRow> rows, List<String> specs, Points realPoints, List<ModelArgument> opened)
      throws InterruptedException {
    // each worker thread samples from its own copy of a model: one model's calls are serialised
    ThreadLocal<Map<String, Denoiser>> copies = ThreadLocal.withInitial(LinkedHashMap::new);
    PrecisionRecall.Reference balls =
        PrecisionRecall.against(realPoints, SampleQuality.PRECISION_RECALL_K);
    ProgressBar bar = new ProgressBar("frontier", (long) rows.size() * seeds.size());
    long[] done = {0};
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      FrontierRow row = rows.get(i);
      String spec = specs.get(i);
      for (int s = 0; s < seeds.size(); s++) {
        int seed = s;
        runs.add(
            pool.submit(
                () -> {
                  Denoiser denoiser =
                      copies
                          .get()
                          .computeIfAbsent(
                              spec,
                              k -> {
                                ModelArgument copy = open(k);
                                synchronized (opened) {
                                  opened.add(copy);
                                }
                                return copy.denoiser();
                              });
                  run(row, denoiser, seed, realPoints, balls);
                  synchronized (done) {
                    bar.update(++done[0], row.model + " " + row.sampler + "-" + row.steps);
                  }
                }));
      }
    }
    pool.shutdown();
    try {
      for (Future<?> run : runs) {
        run.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException
          ? (RuntimeException) cause
          : new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One run: {@code row}'s sampler from seed number {@code s}, scored into the row. */
  private void run(
      FrontierRow row,
      Denoiser denoiser,
      int s,
      Points realPoints,
      PrecisionRecall.Reference balls) {
    Sampler sampler = Samplers.create(row.sampler, row.steps);
    Points generated = Sampling.generate(denoiser, sampler, count, seeds.get(s));
    synchronized (row) {
      if (row.kind != FrontierRow.Kind.SAMPLER) {
        row.calls = sampler.modelCalls();
      } else if (sampler.modelCalls() != row.calls) {
        throw new IllegalStateException(
            row.sampler
                + "-"
                + row.steps
                + " made "
                + sampler.modelCalls()
                + " calls, planned "
                + row.calls);
      }
    }
    double mmd2 = Mmd.rbfSquared(realPoints, generated);
    PrecisionRecall pr = balls.score(generated);
    synchronized (row) {
      row.values[0][s] = mmd2;
      row.values[1][s] = pr.precision();
      row.values[2][s] = pr.recall();
    }
  }

  private Map<String, Object> report(List<FrontierRow> rows) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", model.model);
    report.put("real", real.getPath());
    report.put("points", count);
    report.put("seeds", seeds);
    List<Map<String, Object>> list = new ArrayList<>();
    for (FrontierRow r : rows) {
      list.add(r.asMap());
    }
    report.put("rows", list);
    return report;
  }

  private static void write(OutputSet outputs, File target, String text) {
    if (target != null) {
      outputs.write(
          target, staged -> Files.write(staged.toPath(), text.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
