package dev.pocketdiffusion.android;

import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.sampling.DataRange;

/**
 * Maps 2-D data coordinates to view pixels: the data box fills the view minus a padding, with one
 * scale for both axes (circles stay round), centred, and y pointing up.
 */
public final class Viewport {
  /** The box shown for a model whose card names no data range. */
  public static final DataRange FALLBACK_RANGE =
      new DataRange(new double[] {-4, -4}, new double[] {4, 4});

  private final double scale;
  private final double centreX;
  private final double centreY;
  private final double dataCentreX;
  private final double dataCentreY;

  /** A viewport showing {@code range} in a {@code width} × {@code height} view. */
  public Viewport(DataRange range, int width, int height, float padding) {
    double[] min = range.min();
    double[] max = range.max();
    double spanX = Math.max(max[0] - min[0], 1e-9);
    double spanY = Math.max(max[1] - min[1], 1e-9);
    this.scale =
        Math.max(0, Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY));
    this.centreX = width / 2.0;
    this.centreY = height / 2.0;
    this.dataCentreX = (min[0] + max[0]) / 2;
    this.dataCentreY = (min[1] + max[1]) / 2;
  }

  /** The data box of a model: the card's x̂0 clamp box, or {@link #FALLBACK_RANGE}. */
  public static DataRange rangeOf(ModelCard card) {
    DataRange range = card.dataRange();
    return range != null && range.min().length == 2 ? range : FALLBACK_RANGE;
  }

  /**
   * Projects points {@code xy} (x0, y0, x1, …) to pixels in {@code out}, which may be {@code xy}.
   */
  public void project(float[] xy, float[] out) {
    for (int i = 0; i + 1 < xy.length; i += 2) {
      out[i] = (float) pixelX(xy[i]);
      out[i + 1] = (float) pixelY(xy[i + 1]);
    }
  }

  /** The pixel column of data x. */
  public double pixelX(double x) {
    return centreX + (x - dataCentreX) * scale;
  }

  /** The pixel row of data y. */
  public double pixelY(double y) {
    return centreY - (y - dataCentreY) * scale;
  }

  /** The data x at pixel column {@code px}. */
  public double dataX(double px) {
    return dataCentreX + (px - centreX) / scale;
  }

  /** The data y at pixel row {@code py}. */
  public double dataY(double py) {
    return dataCentreY - (py - centreY) / scale;
  }
}
