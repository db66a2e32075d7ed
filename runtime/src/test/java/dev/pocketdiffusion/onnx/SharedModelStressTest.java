package dev.pocketdiffusion.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 8 threads × 1000 sampling runs on one loaded {@code models/moons.onnx} (see {@link
 * SharedModelStress}, run in a child JVM with a fixed, pre-touched 32 MB heap so that resident
 * growth is native memory): every run equals the single-thread run with its seed, and VmRSS after
 * all runs is within 10 % of VmRSS after the first 100. {@code -Dstress.runs=N} sets the runs per
 * thread.
 */
class SharedModelStressTest {
  @Test
  void eightThreadsMatchOneThreadWithoutMemoryGrowth() throws Exception {
    assumeTrue(
        new File("/proc/self/status").isFile(),
        "resident memory is read from Linux's /proc/self/status");
    int runsPerThread = Integer.getInteger("stress.runs", 1000);
    Process child =
        new ProcessBuilder(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xms32m",
                "-Xmx32m",
                "-XX:+AlwaysPreTouch",
                "-cp",
                System.getProperty("java.class.path"),
                SharedModelStress.class.getName(),
                "../models/moons.onnx",
                String.valueOf(runsPerThread))
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    Map<String, String> result = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.startsWith("runs=")) {
          for (String field : line.split(" ")) {
            String[] kv = field.split("=");
            result.put(kv[0], kv[1]);
          }
        }
      }
    }
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "stress run did not finish");
    assertEquals(0, child.exitValue(), output.toString());
    assertEquals(
        SharedModelStress.THREADS * runsPerThread,
        Integer.parseInt(result.get("runs")),
        output.toString());
    assertEquals(
        0,
        Integer.parseInt(result.get("mismatches")),
        "runs that differ from the single-thread run of their seed");
    long rss100 = Long.parseLong(result.get("rss100"));
    long rssAll = Long.parseLong(result.get("rssAll"));
    assertTrue(
        rssAll <= 1.10 * rss100,
        "resident memory grew from " + rss100 + " kB to " + rssAll + " kB");
  }
}
