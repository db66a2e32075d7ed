package dev.pocketdiffusion.trainer.training;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Parses {@code --device}: auto, cpu, gpu or gpu:N, checked against what PyTorch can see. */
public final class Devices {
  private Devices() {}

  /**
   * The device named by {@code spec}.
   *
   * @throws IllegalArgumentException for an unknown spec or a GPU PyTorch cannot see
   */
  public static Device parse(String spec) {
    Engine engine = Engine.getEngine("PyTorch");
    if (spec.equals("auto")) {
      return engine.defaultDevice();
    }
    if (spec.equals("cpu")) {
      return Device.cpu();
    }
    if (spec.equals("gpu") || spec.startsWith("gpu:")) {
      int index;
      try {
        index = spec.equals("gpu") ? 0 : Integer.parseInt(spec.substring(4));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--device gpu:N needs a number, got '" + spec + "'");
      }
      int gpus = engine.getGpuCount();
      if (index < 0 || index >= gpus) {
        throw new IllegalArgumentException(
            "--device "
                + spec
                + ": PyTorch sees "
                + gpus
                + " GPU(s); this build ships the CPU native library (see README, 'Training on a GPU')");
      }
      return Device.gpu(index);
    }
    throw new IllegalArgumentException(
        "--device must be auto, cpu, gpu or gpu:N, got '" + spec + "'");
  }
}
