package dev.pocketdiffusion.android;

import android.content.Context;
import android.graphics.Canvas;
import android.graphics.Color;
import android.graphics.Paint;
import android.view.View;
import dev.pocketdiffusion.sampling.DataRange;

/** Draws one frame of 2-D points inside the model's data box, projected by a {@link Viewport}. */
public final class PointsView extends View {
  /** Colour of the points (opaque blue). */
  public static final int POINT_COLOR = Color.rgb(25, 90, 210);

  /** Padding around the data box, in pixels. */
  public static final float PADDING = 12f;

  private final Paint pointPaint = new Paint(Paint.ANTI_ALIAS_FLAG);
  private final Paint boxPaint = new Paint();
  private DataRange range = Viewport.FALLBACK_RANGE;
  private float[] xy = new float[0];
  private float[] pixels = new float[0];

  /** A view with no points. */
  public PointsView(Context context) {
    super(context);
    pointPaint.setColor(POINT_COLOR);
    pointPaint.setStrokeWidth(4f);
    pointPaint.setStrokeCap(Paint.Cap.ROUND);
    boxPaint.setColor(Color.LTGRAY);
    boxPaint.setStyle(Paint.Style.STROKE);
  }

  /** Shows points in the data box {@code range}. */
  public void setRange(DataRange range) {
    this.range = range;
    invalidate();
  }

  /** Shows points {@code xy} (x0, y0, x1, …; kept, not copied). */
  public void setPoints(float[] xy) {
    this.xy = xy;
    invalidate();
  }

  /** The points shown (live). */
  public float[] points() {
    return xy;
  }

  /** The projection of the current size. */
  public Viewport viewport() {
    return new Viewport(range, getWidth(), getHeight(), PADDING);
  }

  @Override
  protected void onDraw(Canvas canvas) {
    canvas.drawColor(Color.WHITE);
    Viewport viewport = viewport();
    double[] min = range.min();
    double[] max = range.max();
    canvas.drawRect(
        (float) viewport.pixelX(min[0]),
        (float) viewport.pixelY(max[1]),
        (float) viewport.pixelX(max[0]),
        (float) viewport.pixelY(min[1]),
        boxPaint);
    if (pixels.length != xy.length) {
      pixels = new float[xy.length];
    }
    viewport.project(xy, pixels);
    canvas.drawPoints(pixels, pointPaint);
  }
}
