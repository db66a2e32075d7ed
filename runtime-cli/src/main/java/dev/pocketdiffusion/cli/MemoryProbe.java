package dev.pocketdiffusion.cli;

import dev.pocketdiffusion.bench.PeakMemory;
import dev.pocketdiffusion.io.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one {@code runtime} command line in this JVM, then prints one JSON line with its exit code,
 * the peak heap (the sum of every heap pool's peak: an upper bound of the true peak), the heap
 * limit and the peak resident set (VmHWM from /proc/self/status). {@code runtime bench} starts it
 * in a child JVM with {@code -Xmx256m} to measure what sampling a million points costs.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  /** Entry point: the arguments are a {@code runtime} command line. */
  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    int code = CliRunner.run("runtime", new RuntimeCli(), args);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("exit_code", code);
    result.put("seconds", seconds);
    result.put("peak_heap_bytes", PeakMemory.heapBytes());
    result.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    result.put("peak_rss_bytes", PeakMemory.residentBytes());
    System.out.println(Json.write(result).replace('\n', ' '));
    System.exit(code);
  }
}
