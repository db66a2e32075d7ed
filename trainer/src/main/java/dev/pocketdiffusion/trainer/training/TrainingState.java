package dev.pocketdiffusion.trainer.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.pocketdiffusion.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Random;

/**
 * Everything besides the weights that a run needs to continue exactly where it stopped: the step,
 * the losses so far, the random generator, the epoch's row order, the optimizer's moments and the
 * weight average. {@link Checkpoints} saves it beside the parameters in each checkpoint.
 */
final class TrainingState {
  private static final int FORMAT = 1;

  final int step;
  final double[] losses;
  final Random rng;
  final int[] rowOrder;
  final int rowPosition;
  final NDList moments;
  final NDList averages;

  TrainingState(
      int step,
      double[] losses,
      Random rng,
      int[] rowOrder,
      int rowPosition,
      NDList moments,
      NDList averages) {
    this.step = step;
    this.losses = losses;
    this.rng = rng;
    this.rowOrder = rowOrder;
    this.rowPosition = rowPosition;
    this.moments = moments;
    this.averages = averages;
  }

  /** Writes the state to {@code stream}. */
  void write(OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    out.writeInt(FORMAT);
    out.writeInt(step);
    for (int i = 0; i < step; i++) {
      out.writeDouble(losses[i]);
    }
    writeBytes(out, serialize(rng));
    out.writeInt(rowOrder.length);
    for (int row : rowOrder) {
      out.writeInt(row);
    }
    out.writeInt(rowPosition);
    writeBytes(out, encode(moments));
    writeBytes(out, encode(averages));
    out.flush();
  }

  /**
   * Reads a state written by {@link #write}; arrays are created in {@code manager}.
   *
   * @throws InvalidInputException naming the file when it is truncated or of another format
   */
  static TrainingState read(File file, NDManager manager) {
    try (InputStream stream = Files.newInputStream(file.toPath())) {
      DataInputStream in = new DataInputStream(stream);
      int format = in.readInt();
      if (format != FORMAT) {
        throw new InvalidInputException(
            file + ": training-state format " + format + ", this trainer reads " + FORMAT);
      }
      int step = in.readInt();
      double[] losses = new double[step];
      for (int i = 0; i < step; i++) {
        losses[i] = in.readDouble();
      }
      Random rng = deserialize(readBytes(in));
      int[] order = new int[in.readInt()];
      for (int i = 0; i < order.length; i++) {
        order[i] = in.readInt();
      }
      int position = in.readInt();
      NDList moments = decode(manager, readBytes(in));
      NDList averages = decode(manager, readBytes(in));
      return new TrainingState(step, losses, rng, order, position, moments, averages);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException(
          file + ": cannot read the training state (" + e.getMessage() + ")", e);
    }
  }

  /**
   * DJL cannot decode an empty list (no moments before the first step, no average without EMA):
   * write none.
   */
  private static byte[] encode(NDList list) {
    return list.isEmpty() ? new byte[0] : list.encode();
  }

  private static NDList decode(NDManager manager, byte[] bytes) {
    return bytes.length == 0 ? new NDList() : NDList.decode(manager, bytes);
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > (1 << 30)) {
      throw new IOException("corrupt length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  /**
   * java.util.Random keeps its 48-bit state private but is serializable: that is its documented way
   * to save it.
   */
  private static byte[] serialize(Random rng) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(rng);
    }
    return bytes.toByteArray();
  }

  private static Random deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(
          ObjectInputFilter.Config.createFilter("java.util.Random;!*")); // nothing else may load
      Object value = in.readObject();
      if (!(value instanceof Random)) {
        throw new IOException("the random-generator record holds a " + value.getClass().getName());
      }
      return (Random) value;
    }
  }
}
