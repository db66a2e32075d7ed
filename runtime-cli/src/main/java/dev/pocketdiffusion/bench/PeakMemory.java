package dev.pocketdiffusion.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;

/** The memory this JVM has used at its peak, as the memory benchmark reports it. */
public final class PeakMemory {
  private PeakMemory() {}

  /** The sum of every heap pool's peak: an upper bound of the true peak heap, in bytes. */
  public static long heapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The peak resident set (VmHWM) in bytes, or -1 where /proc/self/status does not exist. */
  public static long residentBytes() throws IOException {
    File status = new File("/proc/self/status");
    if (!status.isFile()) {
      return -1;
    }
    for (String line : Files.readAllLines(status.toPath())) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }
}
