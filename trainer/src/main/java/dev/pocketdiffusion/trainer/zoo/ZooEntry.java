package dev.pocketdiffusion.trainer.zoo;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.exporter.OnnxExporter;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One model of the zoo as {@code models/zoo.tsv} lists it: a name, the sampler it is recommended
 * with (steps, and the guidance scale for class-conditional models) and the {@code trainer} command
 * that makes it: {@code trainer train} from scratch, or a student ({@code trainer distill}, {@code
 * trainer reflow}) of a zoo model listed before it, named {@code --teacher models/NAME.onnx}.
 */
public final class ZooEntry {
  /** The {@code trainer} commands a zoo line may run; a line without one runs the first. */
  public static final List<String> COMMANDS =
      Collections.unmodifiableList(Arrays.asList("train", "distill", "reflow"));

  /** How a student line names its teacher: {@code --teacher models/NAME.onnx}. */
  static final String TEACHER_FLAG = "--teacher";

  private static final String TEACHER_FOLDER = "models/";

  private final String name;
  private final String sampler;
  private final int steps;
  private final double guidance;
  private final String trainer;
  private final List<String> trainArgs;
  private final ZooEntry teacher;

  private ZooEntry(
      String name,
      String sampler,
      int steps,
      double guidance,
      String trainer,
      List<String> trainArgs,
      ZooEntry teacher) {
    this.name = name;
    this.sampler = sampler;
    this.steps = steps;
    this.guidance = guidance;
    this.trainer = trainer;
    this.trainArgs = Collections.unmodifiableList(new ArrayList<>(trainArgs));
    this.teacher = teacher;
  }

  /** The model's name: its file is {@code NAME.onnx}. */
  public String name() {
    return name;
  }

  /** The recommended sampler's command-line name. */
  public String sampler() {
    return sampler;
  }

  /** The recommended number of steps. */
  public int steps() {
    return steps;
  }

  /** The classifier-free guidance scale used per class (conditional models only). */
  public double guidance() {
    return guidance;
  }

  /** The {@code trainer} command that makes it: one of {@link #COMMANDS}. */
  public String trainer() {
    return trainer;
  }

  /**
   * The arguments of its {@code trainer} command as listed (without the command word and {@code
   * --out}; a student's teacher as {@code models/NAME.onnx}).
   */
  public List<String> trainArgs() {
    return trainArgs;
  }

  /** The zoo model a student is made from, or null for a model trained from scratch. */
  public ZooEntry teacher() {
    return teacher;
  }

  /**
   * The arguments to run, a student's teacher read from {@code models} (the zoo's output folder,
   * where an earlier line of the same run has just written it) instead of {@code models/}.
   */
  public List<String> arguments(File models) {
    List<String> args = new ArrayList<>(trainArgs);
    if (teacher != null) {
      args.set(args.indexOf(TEACHER_FLAG) + 1, teacherFile(models).getPath());
    }
    return args;
  }

  /** A student's teacher as the zoo reads it, from its output folder {@code models}; else null. */
  public File teacherFile(File models) {
    return teacher == null ? null : new File(models, teacher.name + ".onnx");
  }

  /**
   * {@code model} (an exported ONNX file's bytes) with this entry's sampler, steps and, for a
   * class-conditional model, guidance written into its card; graph and weights unchanged.
   *
   * @param source names the model in error messages
   */
  public byte[] recommendIn(byte[] model, String source) {
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(model);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new InvalidInputException(source + ": not an ONNX model (" + e.getMessage() + ")", e);
    }
    ModelCard card = OnnxExporter.card(proto, source);
    card.recommend(sampler, steps, card.numClasses() > 0 ? guidance : null);
    return OnnxExporter.withCard(proto, card).toByteArray();
  }

  /** The {@code --dataset} value of the training arguments, else (a student) its teacher's. */
  public String dataset() {
    String dataset = argument("--dataset");
    if (dataset == null && teacher != null) {
      return teacher.dataset();
    }
    if (dataset == null) {
      throw new IllegalArgumentException(
          "zoo model " + name + " has no --dataset in its training arguments");
    }
    return dataset;
  }

  /**
   * The {@code --data} file of the training arguments, a relative one resolved against {@code
   * root}, else (a student) its teacher's, or null.
   */
  public File dataFile(File root) {
    String data = argument("--data");
    if (data == null) {
      return teacher != null ? teacher.dataFile(root) : null;
    }
    File file = new File(data);
    return file.isAbsolute() ? file : new File(root, data);
  }

  /** Whether it is a class-conditional model (a student: whether its teacher is). */
  public boolean conditional() {
    return teacher != null ? teacher.conditional() : trainArgs.contains("--conditional");
  }

  /** The full command that makes it, as a user would type it. */
  public String command() {
    return "trainer " + trainer + " " + String.join(" ", trainArgs) + " --out runs/zoo/" + name;
  }

  private String argument(String flag) {
    int i = trainArgs.indexOf(flag);
    return i >= 0 && i + 1 < trainArgs.size() ? trainArgs.get(i + 1) : null;
  }

  /**
   * The name of the zoo model a student line names with {@code --teacher models/NAME.onnx}, or null
   * for a {@code train} line.
   *
   * @throws IllegalArgumentException if a student line names no teacher that way
   */
  String teacherName() {
    if (trainer.equals(COMMANDS.get(0))) {
      return null;
    }
    String value = argument(TEACHER_FLAG);
    if (value == null
        || !value.startsWith(TEACHER_FOLDER)
        || !value.endsWith(".onnx")
        || value.indexOf('/', TEACHER_FOLDER.length()) >= 0) {
      throw new IllegalArgumentException(
          "a "
              + trainer
              + " line names its teacher, another zoo model, as --teacher models/NAME.onnx; got "
              + (value == null ? "none" : value));
    }
    return value.substring(TEACHER_FOLDER.length(), value.length() - ".onnx".length());
  }

  /** This entry with {@code teacher}, the zoo entry {@link #teacherName} names. */
  ZooEntry withTeacher(ZooEntry teacher) {
    return new ZooEntry(name, sampler, steps, guidance, trainer, trainArgs, teacher);
  }

  /**
   * Parses one line {@code NAME<tab>SAMPLER<tab>STEPS<tab>GUIDANCE<tab>[COMMAND] ARGS…} (arguments
   * separated by spaces; COMMAND one of {@link #COMMANDS}, {@code train} when left out); a
   * student's teacher is left for {@link ZooSpec} to resolve.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static ZooEntry parse(String line) {
    String[] cells = line.split("\t");
    if (cells.length != 5) {
      throw new IllegalArgumentException(
          "expected 5 tab-separated cells (name, sampler, steps, guidance, trainer arguments), got "
              + cells.length);
    }
    int steps;
    double guidance;
    try {
      steps = Integer.parseInt(cells[2].trim());
      guidance = Double.parseDouble(cells[3].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "steps and guidance must be numbers, got '" + cells[2] + "', '" + cells[3] + "'");
    }
    List<String> args = new ArrayList<>(Arrays.asList(cells[4].trim().split(" +")));
    if (args.get(0).isEmpty()) {
      throw new IllegalArgumentException("no trainer arguments");
    }
    String trainer = COMMANDS.get(0);
    if (!args.get(0).startsWith("-")) {
      trainer = args.remove(0);
      if (!COMMANDS.contains(trainer)) {
        throw new IllegalArgumentException(
            "unknown trainer command '" + trainer + "': use one of " + COMMANDS);
      }
    }
    if (args.contains("--out")) {
      throw new IllegalArgumentException(
          "leave --out out of the trainer arguments: the zoo chooses it");
    }
    ZooEntry entry =
        new ZooEntry(cells[0].trim(), cells[1].trim(), steps, guidance, trainer, args, null);
    entry.teacherName();
    return entry;
  }
}
