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
 * with (steps, and the guidance scale for class-conditional models) and the {@code trainer train}
 * arguments that make it.
 */
public final class ZooEntry {
  private final String name;
  private final String sampler;
  private final int steps;
  private final double guidance;
  private final List<String> trainArgs;

  ZooEntry(String name, String sampler, int steps, double guidance, List<String> trainArgs) {
    this.name = name;
    this.sampler = sampler;
    this.steps = steps;
    this.guidance = guidance;
    this.trainArgs = Collections.unmodifiableList(new ArrayList<>(trainArgs));
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

  /** The arguments of {@code trainer train} (without {@code --out}). */
  public List<String> trainArgs() {
    return trainArgs;
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

  /** The {@code --dataset} value of the training arguments. */
  public String dataset() {
    String dataset = argument("--dataset");
    if (dataset == null) {
      throw new IllegalArgumentException(
          "zoo model " + name + " has no --dataset in its training arguments");
    }
    return dataset;
  }

  /**
   * The {@code --data} file of the training arguments, a relative one resolved against {@code
   * root}, or null.
   */
  public File dataFile(File root) {
    String data = argument("--data");
    if (data == null) {
      return null;
    }
    File file = new File(data);
    return file.isAbsolute() ? file : new File(root, data);
  }

  /** Whether it trains a class-conditional model. */
  public boolean conditional() {
    return trainArgs.contains("--conditional");
  }

  /** The full command that trains it, as a user would type it. */
  public String command() {
    return "trainer train " + String.join(" ", trainArgs) + " --out runs/zoo/" + name;
  }

  private String argument(String flag) {
    int i = trainArgs.indexOf(flag);
    return i >= 0 && i + 1 < trainArgs.size() ? trainArgs.get(i + 1) : null;
  }

  /**
   * Parses one line {@code NAME<tab>SAMPLER<tab>STEPS<tab>GUIDANCE<tab>ARGS…} (arguments separated
   * by spaces).
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
    if (args.contains("--out")) {
      throw new IllegalArgumentException(
          "leave --out out of the trainer arguments: the zoo chooses it");
    }
    return new ZooEntry(cells[0].trim(), cells[1].trim(), steps, guidance, args);
  }
}
