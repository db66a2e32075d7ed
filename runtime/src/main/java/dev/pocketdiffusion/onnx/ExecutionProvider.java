package dev.pocketdiffusion.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.pocketdiffusion.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where ONNX Runtime runs the network. {@link #CPU} is the default everywhere; the Android build of
 * ONNX Runtime adds {@link #XNNPACK} and {@link #NNAPI} as opt-ins (measure first: for networks as
 * small as these, NNAPI's per-call overhead often makes it slower than the CPU).
 */
public enum ExecutionProvider {
  /** ONNX Runtime's own CPU kernels. */
  CPU(OrtProvider.CPU),
  /** XNNPACK's optimised CPU kernels (Android and some other builds), on its own thread pool. */
  XNNPACK(OrtProvider.XNNPACK),
  /**
   * Android's Neural Networks API (Android builds only), with CPU fallback for unsupported nodes.
   */
  NNAPI(OrtProvider.NNAPI);

  private final OrtProvider provider;

  ExecutionProvider(OrtProvider provider) {
    this.provider = provider;
  }

  /** The lower-case name, e.g. {@code xnnpack}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True if the ONNX Runtime on the class path was built with this provider. */
  public boolean isAvailable() {
    return OrtEnvironment.getAvailableProviders().contains(provider);
  }

  /** The providers this ONNX Runtime build offers, {@link #CPU} first. */
  public static List<ExecutionProvider> available() {
    List<ExecutionProvider> available = new ArrayList<>();
    for (ExecutionProvider candidate : values()) {
      if (candidate.isAvailable()) {
        available.add(candidate);
      }
    }
    return available;
  }

  /**
   * Adds this provider to {@code options}; for XNNPACK its thread pool gets {@code threads}
   * threads.
   *
   * @throws InvalidInputException if this ONNX Runtime build lacks the provider
   */
  void addTo(OrtSession.SessionOptions options, int threads) throws OrtException {
    if (this == CPU) {
      return;
    }
    if (!isAvailable()) {
      throw new InvalidInputException(
          "execution provider "
              + cliName()
              + " is not in this ONNX Runtime build (it has "
              + OrtEnvironment.getAvailableProviders()
              + "); use cpu");
    }
    if (this == XNNPACK) {
      Map<String, String> xnnpack = new HashMap<>();
      xnnpack.put("intra_op_num_threads", String.valueOf(threads));
      options.addXnnpack(xnnpack);
    } else {
      options.addNnapi();
    }
  }
}
