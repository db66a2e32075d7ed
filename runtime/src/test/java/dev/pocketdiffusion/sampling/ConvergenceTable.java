package dev.pocketdiffusion.sampling;

import dev.pocketdiffusion.analytic.GaussianDenoiser;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.paths.VePath;
import dev.pocketdiffusion.paths.VeSchedule;
import java.util.Random;

/**
 * Prints the convergence-order table of docs/samplers.md ({@link ConvergenceOrderTest#order} of
 * every deterministic fixed-step sampler at 64 and 128 steps on flow, ve exp and vp) and the ve
 * table: the relative std error at 200 steps on N(0.7, 0.3²) from the data-moment start, for every
 * ve schedule, from two probe points of the run's affine map. Run after {@code mvn -q -o
 * test-compile -pl runtime} with {@code java -cp
 * runtime/target/classes:runtime/target/test-classes:COMMONS_MATH_JAR
 * dev.pocketdiffusion.sampling.ConvergenceTable}.
 */
public final class ConvergenceTable {
  private ConvergenceTable() {}

  /** Prints the table as markdown. */
  public static void main(String[] args) {
    String[] processes = {"flow", "ve-exp", "vp"};
    System.out.println(
        "| sampler | flow 64 | flow 128 | ve exp 64 | ve exp 128 | vp 64 | vp 128 |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String sampler : ConvergenceOrderTest.SAMPLERS) {
      StringBuilder row = new StringBuilder("| " + sampler + " |");
      for (String process : processes) {
        for (int steps : new int[] {64, 128}) {
          row.append(String.format(" %.2f |", ConvergenceOrderTest.order(process, sampler, steps)));
        }
      }
      System.out.println(row);
    }
    System.out.println();
    System.out.println("| sampler | ve exp | ve linear | ve sqrt | ve geometric |");
    System.out.println("|---|---|---|---|---|");
    for (String sampler : ConvergenceOrderTest.SAMPLERS) {
      StringBuilder row = new StringBuilder("| " + sampler + " |");
      for (VeSchedule schedule : VeSchedule.values()) {
        VePath path = VePath.of(schedule);
        double startStd = Math.sqrt(0.09 + path.at(1.0).b * path.at(1.0).b);
        double[] probe = {0.7, 0.7 + startStd};
        Samplers.create(sampler, 200)
            .sample(
                new GaussianDenoiser(path, new double[] {0.7}, 0.3, Prediction.EPSILON),
                probe,
                2,
                new Random(0),
                StepListener.NONE);
        row.append(String.format(" %+.2f %% |", 100 * ((probe[1] - probe[0]) / 0.3 - 1)));
      }
      System.out.println(row);
    }
  }
}
