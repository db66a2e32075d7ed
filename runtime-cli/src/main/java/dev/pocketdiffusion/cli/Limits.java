package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.card.ModelCard;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The sizes a user may ask of the runtime commands, checked before memory is spent: fixed upper
 * bounds, and an estimate of the heap a request needs against what the JVM may still use. Every
 * refusal is a one-line {@link ParameterException} (exit 2) naming the option and the limit.
 */
final class Limits {
  /** Most points one command samples or scores ({@code -n}; streamed by {@code sample}). */
  static final long MAX_POINTS = 1_000_000_000L;

  /** Most sampler steps ({@code --steps}); no model card may have more timesteps either. */
  static final int MAX_STEPS = ModelCard.MAX_TIMESTEPS;

  /** Most pixels of one picture (160 MB as 32-bit RGB). */
  static final long MAX_PIXELS = 40_000_000L;

  /**
   * Heap bytes a sampler needs per coordinate of a point in flight: the state, the network's input
   * and output, the estimates of a multistep or Runge-Kutta sampler, with room to spare.
   */
  static final long SAMPLER_BYTES_PER_COORDINATE = 200;

  private Limits() {}

  /** Most ONNX Runtime threads: four per processor. */
  static int maxThreads() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }

  /**
   * Refuses {@code value} of {@code option} outside {@code min..max}.
   *
   * @throws ParameterException naming the option and the range
   */
  static void range(CommandLine commandLine, String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ParameterException(
          commandLine,
          String.format(Locale.ROOT, "%s must be in %d..%d, got %d", option, min, max, value));
    }
  }

  /** Refuses a thread count outside 1..{@link #maxThreads}. */
  static void threads(CommandLine commandLine, String option, int threads) {
    if (threads < 1 || threads > maxThreads()) {
      throw new ParameterException(
          commandLine,
          String.format(
              Locale.ROOT,
              "%s must be in 1..%d (4 per processor), got %d",
              option,
              maxThreads(),
              threads));
    }
  }

  /**
   * Refuses a picture of {@code width} × {@code height} pixels above {@link #MAX_PIXELS}.
   *
   * @param fix what to lower, e.g. "--panel or the number of panels"
   */
  static void picture(CommandLine commandLine, long width, long height, String fix) {
    if (width * height > MAX_PIXELS) {
      throw new ParameterException(
          commandLine,
          String.format(
              Locale.ROOT,
              "the picture would be %d x %d pixels; the limit is %d million: lower %s",
              width,
              height,
              MAX_PIXELS / 1_000_000,
              fix));
    }
  }

  /**
   * Refuses a request whose estimated heap use {@code bytes} exceeds what the JVM may still use.
   *
   * @param what what needs the memory, e.g. "-n 500000000 points in batches of 500000000"
   * @param fix what to lower
   */
  static void memory(CommandLine commandLine, String what, double bytes, String fix) {
    Runtime rt = Runtime.getRuntime();
    long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > available) {
      throw new ParameterException(
          commandLine,
          String.format(
              Locale.ROOT,
              "%s need about %s of memory but the JVM has %s left (-Xmx%dm): lower %s",
              what,
              megabytes(bytes),
              megabytes(available),
              rt.maxMemory() >> 20,
              fix));
    }
  }

  /**
   * Refuses sampling {@code points} points of {@code dimension} coordinates at once while keeping
   * {@code keptStates} copies of the state (a recorded trajectory), if the heap cannot hold them.
   */
  static void sampling(
      CommandLine commandLine, long points, int dimension, long keptStates, String fix) {
    double bytes = (double) points * dimension * (SAMPLER_BYTES_PER_COORDINATE + 8.0 * keptStates);
    String what =
        points + " points" + (keptStates > 0 ? " x " + keptStates + " recorded steps" : "");
    memory(commandLine, what, bytes, fix);
  }

  private static String megabytes(double bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / (1 << 20));
  }
}
