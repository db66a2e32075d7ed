package dev.pocketdiffusion.io;

import dev.pocketdiffusion.sampling.StepListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Records every state of a sampler run as CSV rows {@code step,t,i,x,y} (more coordinates: {@code
 * x2, x3, …}): step 0 is the base draw, the last step the samples.
 */
public final class TrajectoryCsv implements StepListener {
  private final Writer out;
  private final StringBuilder line = new StringBuilder();

  /** Writes the header to {@code out} and records into it. */
  public TrajectoryCsv(Writer out, int dimension) {
    this.out = out;
    write("step,t,i," + PointsCsv.header(dimension) + "\n");
  }

  @Override
  public void onStep(int step, double t, double[] x, int n, int dimension) {
    for (int i = 0; i < n; i++) {
      line.setLength(0);
      line.append(step).append(',').append((float) t).append(',').append(i);
      for (int j = 0; j < dimension; j++) {
        line.append(',').append((float) x[i * dimension + j]);
      }
      line.append('\n');
      write(line.toString());
    }
  }

  private void write(String s) {
    try {
      out.write(s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trajectory", e);
    }
  }
}
