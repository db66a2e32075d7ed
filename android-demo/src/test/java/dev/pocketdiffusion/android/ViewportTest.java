package dev.pocketdiffusion.android;

import static org.junit.Assert.assertEquals;

import dev.pocketdiffusion.sampling.DataRange;
import org.junit.Test;

public class ViewportTest {
  private static final DataRange BOX = new DataRange(new double[] {-2, 0}, new double[] {2, 1});

  @Test
  public void dataBoxFillsTheNarrowerSideCentredWithYUp() {
    Viewport viewport = new Viewport(BOX, 400, 300, 10);
    // x span 4 limits the scale: (400 - 20) / 4 = 95 px per unit; y span 1 is centred
    float[] px = new float[4];
    viewport.project(new float[] {-2, 1, 2, 0}, px);
    assertEquals(10, px[0], 1e-4);
    assertEquals(150 - 47.5, px[1], 1e-4);
    assertEquals(390, px[2], 1e-4);
    assertEquals(150 + 47.5, px[3], 1e-4);
  }

  @Test
  public void pixelsMapBackToData() {
    Viewport viewport = new Viewport(BOX, 321, 654, 12);
    for (double x : new double[] {-1.7, 0, 0.3, 2}) {
      assertEquals(x, viewport.dataX(viewport.pixelX(x)), 1e-9);
      assertEquals(x, viewport.dataY(viewport.pixelY(x)), 1e-9);
    }
  }

  @Test
  public void aModelWithoutADataBoxGetsTheFallback() {
    Viewport viewport = new Viewport(Viewport.FALLBACK_RANGE, 100, 100, 0);
    assertEquals(0, viewport.pixelX(-4), 1e-9);
    assertEquals(100, viewport.pixelY(-4), 1e-9);
  }
}
