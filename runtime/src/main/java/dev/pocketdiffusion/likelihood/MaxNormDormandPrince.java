package dev.pocketdiffusion.likelihood;

import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;

/**
 * Dormand–Prince 5(4) that accepts a step only if every component meets its tolerance {@code atol +
 * rtol·|y|}. Commons Math's own error norm is the root mean square over components, which lets one
 * badly resolved trajectory hide among thousands of smooth ones when a batch of points is
 * integrated as one system.
 */
final class MaxNormDormandPrince extends DormandPrince54Integrator {
  // The embedded error weights of Dormand & Prince (1980), as in the superclass.
  private static final double E1 = 71.0 / 57600.0;
  private static final double E3 = -71.0 / 16695.0;
  private static final double E4 = 71.0 / 1920.0;
  private static final double E5 = -17253.0 / 339200.0;
  private static final double E6 = 22.0 / 525.0;
  private static final double E7 = -1.0 / 40.0;

  /**
   * Steps between {@code minStep} and {@code maxStep}, with absolute and relative tolerance {@code
   * tolerance}.
   */
  MaxNormDormandPrince(double minStep, double maxStep, double tolerance) {
    super(minStep, maxStep, tolerance, tolerance);
  }

  @Override
  protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
    double worst = 0;
    for (int j = 0; j < mainSetDimension; j++) {
      double sum =
          E1 * yDotK[0][j]
              + E3 * yDotK[2][j]
              + E4 * yDotK[3][j]
              + E5 * yDotK[4][j]
              + E6 * yDotK[5][j]
              + E7 * yDotK[6][j];
      double scale =
          scalAbsoluteTolerance
              + scalRelativeTolerance * Math.max(Math.abs(y0[j]), Math.abs(y1[j]));
      worst = Math.max(worst, Math.abs(h * sum) / scale);
    }
    return worst;
  }
}
