package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.CliNames;
import dev.pocketdiffusion.io.PointsCsv;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Looks datasets up by their command-line names. */
public final class Datasets {
  /** The names {@link #byName} accepts. */
  public static final String NAMES =
      "moons, dino (the Datasaurus dino, shipped; --data FILE reads your own copy), circle, line, square, swissroll, spiral, annulus, gaussians, checkerboard, csv:FILE, "
          + "image:FILE.png (a picture as a density), and the labelled squares, digits, mnist:IMAGES[,LABELS] (IDX files), "
          + "mix:A,B,... (each dataset one class)";

  private Datasets() {}

  /** The dataset called {@code name}; see {@link #byName(String, File)}. */
  public static PointDataset byName(String name) {
    return byName(name, null);
  }

  /**
   * The dataset called {@code name}; {@code data} is the file {@code dino} reads instead of the
   * shipped copy (null for the shipped copy; unused by other datasets).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static PointDataset byName(String name, File data) {
    if ("moons".equals(name)) {
      return new Moons();
    }
    if ("squares".equals(name)) {
      return new Squares();
    }
    if ("digits".equals(name)) {
      return new Digits();
    }
    if ("dino".equals(name)) {
      return Datasaurus.dino(data);
    }
    if (name.startsWith("mix:")) {
      List<PointDataset> parts = new ArrayList<>();
      for (String part : name.substring("mix:".length()).split(",")) {
        if (part.startsWith("mix:")) {
          throw new IllegalArgumentException("mix: cannot contain another mix");
        }
        parts.add(byName(part.trim(), data));
      }
      return new MixDataset(name, parts);
    }
    if (name.startsWith("image:")) {
      return ImageDataset.read(new File(name.substring("image:".length())));
    }
    if (name.startsWith("mnist:")) {
      return MnistDataset.read(name.substring("mnist:".length()));
    }
    if (name.startsWith("csv:")) {
      File file = new File(name.substring(4));
      return new Resampled("csv:" + file.getName(), PointsCsv.read(file), 0, null, null);
    }
    for (Shapes shape : Shapes.values()) {
      if (CliNames.of(shape).equals(name)) {
        return shape;
      }
    }
    throw new IllegalArgumentException(
        "unknown dataset '" + name + "' (choose one of: " + NAMES + ")");
  }
}
