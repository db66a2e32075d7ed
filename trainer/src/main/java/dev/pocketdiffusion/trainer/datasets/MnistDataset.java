package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.trainer.training.TrainingLimits;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * {@code mnist:IMAGES[,LABELS]}: real MNIST digits as point clouds, ten classes. Each point comes
 * from a random image, read as a density ({@link PixelDensity}), and carries that image's digit as
 * its label, so a class-conditional model learns what each digit looks like across the set. Reads
 * the IDX files as published (optionally gzipped); without LABELS, the label file is found by the
 * standard naming ({@code …-images-idx3-ubyte} → {@code …-labels-idx1-ubyte}).
 */
final class MnistDataset implements LabelledDataset {
  private static final int IMAGES_MAGIC = 2051;
  private static final int LABELS_MAGIC = 2049;

  private final String name;
  private final byte[][] images;
  private final byte[] labels;
  private final int rows;
  private final int cols;

  private MnistDataset(String name, byte[][] images, byte[] labels, int rows, int cols) {
    this.name = name;
    this.images = images;
    this.labels = labels;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Reads the dataset named by {@code spec} ({@code IMAGES} or {@code IMAGES,LABELS}).
   *
   * @throws InvalidInputException naming the file and the problem
   */
  static MnistDataset read(String spec) {
    String[] parts = spec.split(",", 2);
    File imageFile = new File(parts[0]);
    File labelFile = parts.length == 2 ? new File(parts[1]) : labelFileOf(imageFile);
    int[] shape = new int[2];
    byte[][] images = readImages(imageFile, shape);
    byte[] labels = readLabels(labelFile);
    if (labels.length != images.length) {
      throw new InvalidInputException(
          labelFile
              + ": "
              + labels.length
              + " labels for the "
              + images.length
              + " images of "
              + imageFile);
    }
    boolean anyInk = false;
    for (byte[] image : images) {
      anyInk |= !isBlank(image);
    }
    if (!anyInk) {
      throw new InvalidInputException(imageFile + ": every image is blank");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] > 9) {
        throw new InvalidInputException(
            labelFile + ": label " + labels[i] + " of item " + i + " is not a digit 0-9");
      }
    }
    return new MnistDataset("mnist:" + imageFile.getName(), images, labels, shape[0], shape[1]);
  }

  private static File labelFileOf(File images) {
    String name = images.getName();
    String labels =
        name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1");
    if (labels.equals(name)) {
      throw new InvalidInputException(
          images + ": cannot tell the label file from this name; give it as mnist:IMAGES,LABELS");
    }
    return new File(images.getParentFile(), labels);
  }

  private static DataInputStream open(File file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()));
    return new DataInputStream(file.getName().endsWith(".gz") ? new GZIPInputStream(in) : in);
  }

  private static byte[][] readImages(File file, int[] shape) {
    if (!file.isFile()) {
      throw new InvalidInputException(
          file
              + ": file not found (mnist: needs the IDX image file, e.g. train-images-idx3-ubyte)");
    }
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new InvalidInputException(
            file + ": not an IDX image file (magic " + magic + ", expected " + IMAGES_MAGIC + ")");
      }
      int count = in.readInt();
      shape[0] = in.readInt();
      shape[1] = in.readInt();
      if (count < 1
          || shape[0] < 1
          || shape[1] < 1
          || (long) shape[0] * shape[1] > 1 << 20
          || (long) count * shape[0] * shape[1] > TrainingLimits.MAX_IDX_BYTES) {
        throw new InvalidInputException(
            file
                + ": implausible IDX header ("
                + count
                + " images of "
                + shape[0]
                + "×"
                + shape[1]
                + ")");
      }
      List<byte[]> images = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] pixels = new byte[shape[0] * shape[1]];
        in.readFully(pixels);
        images.add(pixels);
      }
      return images.toArray(new byte[0][]);
    } catch (EOFException e) {
      throw new InvalidInputException(file + ": truncated (fewer images than its header says)", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] readLabels(File file) {
    if (!file.isFile()) {
      throw new InvalidInputException(
          file + ": label file not found (give it as mnist:IMAGES,LABELS)");
    }
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) {
        throw new InvalidInputException(
            file + ": not an IDX label file (magic " + magic + ", expected " + LABELS_MAGIC + ")");
      }
      int count = in.readInt();
      if (count < 1 || count > TrainingLimits.MAX_IDX_BYTES) {
        throw new InvalidInputException(file + ": implausible IDX header (" + count + " labels)");
      }
      byte[] labels = new byte[count];
      in.readFully(labels);
      return labels;
    } catch (EOFException e) {
      throw new InvalidInputException(file + ": truncated (fewer labels than its header says)", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public String cliName() {
    return name;
  }

  @Override
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (int d = 0; d <= 9; d++) {
      names.add(Integer.toString(d));
    }
    return names;
  }

  @Override
  public Points sample(int n, long seed, long[] labels) {
    Random rng = new Random(seed);
    double[] data = new double[2 * n];
    float[] ink = new float[rows * cols];
    for (int i = 0; i < n; i++) {
      int image;
      do {
        image = rng.nextInt(images.length);
      } while (isBlank(images[image]));
      for (int p = 0; p < ink.length; p++) {
        ink[p] = images[image][p] & 0xff;
      }
      new PixelDensity(ink, cols, rows).sample(rng, data, 2 * i);
      labels[i] = this.labels[image];
    }
    return new Points(n, 2, data);
  }

  private static boolean isBlank(byte[] pixels) {
    for (byte b : pixels) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
