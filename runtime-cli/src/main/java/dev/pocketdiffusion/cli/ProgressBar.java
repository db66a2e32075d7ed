package dev.pocketdiffusion.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A one-line progress bar on standard error: {@code train [#####.....] 50% 6000/12000 loss 0.412
 * 512 steps/s ETA 12s}. On a terminal it redraws in place a few times a second; in a log (no
 * console) it prints a line every 10%, once the work has run for a second (quick jobs stay quiet).
 */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long QUIET_NANOS = 1_000_000_000L;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean interactive;
  private final long start = System.nanoTime();
  private long lastDraw;
  private int lastDecile = -1;

  /** A bar for {@code total} units of work. */
  public ProgressBar(String label, long total) {
    this(label, total, System.err, System.console() != null);
  }

  ProgressBar(String label, long total, PrintStream out, boolean interactive) {
    this.label = label;
    this.total = total;
    this.out = out;
    this.interactive = interactive;
  }

  /** Reports {@code done} units finished; {@code detail} (e.g. "loss 0.41") may be empty. */
  public void update(long done, String detail) {
    update(done, () -> detail);
  }

  /**
   * As {@link #update(long, String)}, formatting the detail only when the bar is drawn (hot loops).
   */
  public void update(long done, Supplier<String> detail) {
    long now = System.nanoTime();
    boolean last = done >= total;
    if (interactive) {
      if (last || now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        out.print('\r' + line(done, detail.get(), now));
        if (last) {
          out.println();
        }
        out.flush();
      }
    } else {
      int decile = (int) (10L * done / total);
      if (decile > lastDecile && now - start >= QUIET_NANOS) {
        lastDecile = decile;
        out.println(line(done, detail.get(), now));
        out.flush();
      }
    }
  }

  private String line(long done, String detail, long now) {
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    int filled = (int) (WIDTH * done / total);
    StringBuilder bar = new StringBuilder(WIDTH);
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '#' : '.');
    }
    double eta = rate > 0 ? (total - done) / rate : 0;
    return String.format(
        Locale.ROOT,
        "%s [%s] %3d%% %d/%d %s %.0f it/s ETA %.0fs ",
        label,
        bar,
        100L * done / total,
        done,
        total,
        detail,
        rate,
        eta);
  }
}
