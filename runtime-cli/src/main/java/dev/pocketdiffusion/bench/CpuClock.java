package dev.pocketdiffusion.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread. With one compute thread (ONNX Runtime intra-op 1, PyTorch 1/1),
 * the work runs on the caller, so steps per CPU-second stay meaningful while other processes share
 * the cores and stretch wall-clock times; benchmarks report it beside wall time.
 */
public final class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuClock() {}

  /** Nanoseconds of CPU the calling thread has used. */
  public static long threadNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
