package dev.pocketdiffusion.android;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.robolectric.Shadows.shadowOf;

import android.content.res.Configuration;
import android.graphics.Bitmap;
import android.graphics.Canvas;
import android.graphics.Color;
import android.os.Build;
import android.os.Looper;
import android.os.SystemClock;
import android.view.View;
import android.widget.Spinner;
import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.onnx.ExecutionProvider;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.GraphicsMode;

/**
 * The real Activity under Robolectric (Android 15), sampling models/moons.onnx from the app's
 * assets with the desktop ONNX Runtime, drawing into a real Bitmap.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class MainActivityTest {
  private static final String MODEL = "moons.onnx";
  private static final int SIZE = 400;

  /** Data-space distance from the moons' centre curves that counts as "on the data". */
  private static final double NEAR = 0.3;

  private final ActivityController<MainActivity> controller =
      Robolectric.buildActivity(MainActivity.class).setup();

  @After
  public void tearDown() {
    controller.pause().stop().destroy();
  }

  private MainActivity activity() {
    return controller.get();
  }

  private static void select(Spinner spinner, String item) {
    for (int i = 0; i < spinner.getCount(); i++) {
      if (item.equals(spinner.getItemAtPosition(i))) {
        spinner.setSelection(i);
        shadowOf(Looper.getMainLooper()).idle();
        return;
      }
    }
    fail(item + " is not offered; the spinner has " + spinner.getCount() + " items");
  }

  private void choose(String sampler, int steps, int points, long seed) {
    MainActivity a = activity();
    select(a.modelSpinner, MODEL);
    select(a.samplerSpinner, sampler);
    a.stepsField.setText(String.valueOf(steps));
    a.pointsField.setText(String.valueOf(points));
    a.seedField.setText(String.valueOf(seed));
  }

  /**
   * Runs the main looper (and its clock) until {@code done} holds; the sampler runs on its own
   * thread.
   */
  private static void idleUntil(BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      shadowOf(Looper.getMainLooper()).idleFor(Duration.ofMillis(MainActivity.FRAME_MILLIS));
      Thread.sleep(2);
    }
  }

  private void runToTheEnd() throws InterruptedException {
    activity().runButton.performClick();
    // the session's clock can pass the last frame before the activity's next tick has drawn it
    idleUntil(
        () ->
            activity().session.report() != null
                && !activity().session.isAnimating(SystemClock.uptimeMillis())
                && Arrays.equals(activity().pointsView.points(), lastFrame()),
        "the run and its animation to end, its last frame drawn");
  }

  private float[] lastFrame() {
    List<Frame> frames = activity().session.frames();
    return frames.get(frames.size() - 1).xy();
  }

  private static Bitmap draw(PointsView view) {
    view.measure(
        View.MeasureSpec.makeMeasureSpec(SIZE, View.MeasureSpec.EXACTLY),
        View.MeasureSpec.makeMeasureSpec(SIZE, View.MeasureSpec.EXACTLY));
    view.layout(0, 0, SIZE, SIZE);
    Bitmap bitmap = Bitmap.createBitmap(SIZE, SIZE, Bitmap.Config.ARGB_8888);
    view.draw(new Canvas(bitmap));
    return bitmap;
  }

  /** Point-coloured pixels: {count, count within NEAR of the moons}. */
  private static int[] pixelMass(Bitmap bitmap, Viewport viewport) {
    int all = 0;
    int near = 0;
    for (int py = 0; py < SIZE; py++) {
      for (int px = 0; px < SIZE; px++) {
        int c = bitmap.getPixel(px, py);
        if (Color.blue(c) > 150 && Color.red(c) < 120) {
          all++;
          if (Moons.distance(viewport.dataX(px), viewport.dataY(py)) < NEAR) {
            near++;
          }
        }
      }
    }
    return new int[] {all, near};
  }

  private static void savePng(Bitmap bitmap, String name) throws IOException {
    File dir = new File("target");
    assertTrue("cannot create " + dir.getAbsolutePath(), dir.isDirectory() || dir.mkdirs());
    try (OutputStream out = new FileOutputStream(new File(dir, name))) {
      bitmap.compress(Bitmap.CompressFormat.PNG, 100, out);
    }
  }

  @Test
  public void listsTheShippedModelsAndReadsTheirCards() {
    MainActivity a = activity();
    assertEquals(35, Build.VERSION.SDK_INT);
    assertTrue(a.session.catalog().names().contains(MODEL));
    select(a.modelSpinner, MODEL);
    // moons is a Gaussian-base VP model: every sampler fits, and it has no classes
    assertEquals(13, a.samplerSpinner.getCount());
    assertEquals(View.GONE, a.classRow.getVisibility());
    assertEquals(
        "moons.onnx: vp, predicts epsilon, trained on moons", a.status.getText().toString());
    // the desktop ONNX Runtime under Robolectric offers only the CPU (the Android AAR adds xnnpack
    // and nnapi)
    assertEquals(1, a.providerSpinner.getCount());
    assertEquals("cpu", a.providerSpinner.getSelectedItem());
  }

  @Test
  public void aModelStartsWithTheSamplerAndStepsItsCardRecommends() {
    MainActivity a = activity();
    String name = "swissroll.onnx";
    SamplingRecipe recipe =
        a.session.catalog().load(name, ExecutionProvider.CPU).card().samplingRecipe();
    assertEquals("card", recipe.source());
    assertNotEquals(SamplingRecipe.DEFAULT_SAMPLER, recipe.sampler());
    select(a.modelSpinner, name);
    shadowOf(Looper.getMainLooper()).idle();
    assertEquals(recipe.sampler(), a.samplerSpinner.getSelectedItem());
    assertEquals(String.valueOf(recipe.steps()), a.stepsField.getText().toString());
  }

  @Test
  public void sampledPointsAreDrawnWhereTheMoonsAre() throws Exception {
    choose("ddim", 50, 2000, 1);
    runToTheEnd();
    MainActivity a = activity();
    RunReport report = a.session.report();
    assertEquals(RunReport.Outcome.DONE, report.outcome());
    assertEquals(50, report.steps());
    assertEquals(report.describe(), a.status.getText().toString());
    assertTrue(
        a.status.getText().toString(),
        a.status
            .getText()
            .toString()
            .matches(
                "ddim: 50 steps, 50 calls, [0-9.]+ ms/step, [0-9.]+ ms per sample, [0-9]+ ms total"));
    assertEquals(51, a.session.frames().size());
    assertEquals(4000, a.pointsView.points().length);

    Bitmap end = draw(a.pointsView);
    savePng(end, "android-demo-moons.png");
    int[] endMass = pixelMass(end, a.pointsView.viewport());
    a.pointsView.setPoints(a.session.frames().get(0).xy());
    Bitmap start = draw(a.pointsView);
    savePng(start, "android-demo-noise.png");
    int[] startMass = pixelMass(start, a.pointsView.viewport());
    double endShare = endMass[1] / (double) endMass[0];
    double startShare = startMass[1] / (double) startMass[0];
    assertTrue("too few point pixels: " + endMass[0], endMass[0] > 2000);
    assertTrue("samples near the moons: " + endShare, endShare > 0.9);
    assertTrue("the noise should not look like moons: " + startShare, startShare < endShare - 0.25);
  }

  @Test
  public void rotationKeepsTheSettingsAndTheDrawing() throws Exception {
    choose("heun", 12, 700, 3);
    runToTheEnd();
    MainActivity before = activity();
    float[] points = before.pointsView.points().clone();
    String status = before.status.getText().toString();
    before.seedField.setText(
        "8"); // edited after the run: the screen's settings are kept, not only the run's

    Configuration landscape = new Configuration(before.getResources().getConfiguration());
    landscape.orientation = Configuration.ORIENTATION_LANDSCAPE;
    controller.configurationChange(landscape);
    shadowOf(Looper.getMainLooper()).idle();

    MainActivity after = activity();
    assertNotSame(before, after);
    assertEquals(
        Configuration.ORIENTATION_LANDSCAPE, after.getResources().getConfiguration().orientation);
    assertEquals(MODEL, after.modelSpinner.getSelectedItem());
    assertEquals("heun", after.samplerSpinner.getSelectedItem());
    assertEquals("12", after.stepsField.getText().toString());
    assertEquals("700", after.pointsField.getText().toString());
    assertEquals("8", after.seedField.getText().toString());
    assertEquals(status, after.status.getText().toString());
    assertArrayEquals(points, after.pointsView.points(), 0f);
    assertTrue(after.runButton.isEnabled());
  }

  @Test
  public void aFieldThatDoesNotParseFallsBackToTheDefaultsOnRotation() {
    choose("heun", 12, 700, 3);
    activity().stepsField.setText("twelve");

    Configuration landscape = new Configuration(activity().getResources().getConfiguration());
    landscape.orientation = Configuration.ORIENTATION_LANDSCAPE;
    controller.configurationChange(landscape);
    shadowOf(Looper.getMainLooper()).idle();

    MainActivity after = activity();
    DemoSettings defaults = DemoSettings.defaults(MODEL);
    assertEquals(defaults.sampler(), after.samplerSpinner.getSelectedItem());
    assertEquals(String.valueOf(defaults.steps()), after.stepsField.getText().toString());
    assertEquals(String.valueOf(defaults.points()), after.pointsField.getText().toString());
    assertTrue(after.runButton.isEnabled());
  }

  @Test
  public void aRunInProgressGoesOnAcrossARotation() throws Exception {
    choose("ddpm", 1000, 3000, 4);
    activity().runButton.performClick();
    idleUntil(() -> activity().session.frames().size() > 1, "the first steps");
    int framesAtRotation = activity().session.frames().size();

    Configuration landscape = new Configuration(activity().getResources().getConfiguration());
    landscape.orientation = Configuration.ORIENTATION_LANDSCAPE;
    controller.configurationChange(landscape);
    MainActivity after = activity();
    assertFalse(after.runButton.isEnabled());
    assertTrue(after.cancelButton.isEnabled());
    idleUntil(() -> after.session.frames().size() > framesAtRotation, "frames after the rotation");
    assertTrue(
        after.status.getText().toString(),
        after.status.getText().toString().startsWith("ddpm: step "));

    after.cancelButton.performClick();
    idleUntil(() -> after.session.report() != null, "the cancelled run to report");
    assertEquals(RunReport.Outcome.CANCELLED, after.session.report().outcome());
    assertEquals(after.session.report().describe(), after.status.getText().toString());
    assertTrue(after.runButton.isEnabled());
  }

  @Test
  public void cancelStopsARunMidway() throws Exception {
    choose("ddpm", 1000, 4000, 2);
    MainActivity a = activity();
    a.runButton.performClick();
    assertFalse(a.runButton.isEnabled());
    assertTrue(a.cancelButton.isEnabled());
    idleUntil(
        () ->
            !a.session.frames().isEmpty()
                && a.session.frames().get(a.session.frames().size() - 1).step() > 0,
        "the first steps");
    a.cancelButton.performClick();
    idleUntil(() -> a.session.report() != null, "the cancelled run to report");
    RunReport report = a.session.report();
    assertEquals(RunReport.Outcome.CANCELLED, report.outcome());
    assertTrue("steps done: " + report.steps(), report.steps() > 0 && report.steps() < 1000);
    assertTrue(
        a.status.getText().toString(),
        a.status.getText().toString().startsWith("ddpm: cancelled after step "));
    assertTrue(a.runButton.isEnabled());
    assertFalse(a.cancelButton.isEnabled());
  }
}
