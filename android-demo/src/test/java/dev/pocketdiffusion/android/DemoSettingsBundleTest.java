package dev.pocketdiffusion.android;

import static org.junit.Assert.assertEquals;

import android.os.Bundle;
import android.os.Parcel;
import dev.pocketdiffusion.onnx.ExecutionProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;

/**
 * Settings survive an Activity's saved state, parcelled as Android does when it kills the app in
 * the background.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class DemoSettingsBundleTest {
  @Test
  public void everyFieldSurvivesTheBundleAndAParcel() {
    DemoSettings settings =
        new DemoSettings(
            "mix.onnx", ExecutionProvider.NNAPI, "dpm++2m", 37, 1234, -5_000_000_000L, 2, 0.75);
    Parcel parcel = Parcel.obtain();
    try {
      parcel.writeBundle(settings.toBundle());
      parcel.setDataPosition(0);
      Bundle restored = parcel.readBundle(DemoSettings.class.getClassLoader());
      assertSameSettings(settings, DemoSettings.fromBundle(restored));
    } finally {
      parcel.recycle();
    }
  }

  @Test
  public void theDefaultsSurviveTheBundle() {
    DemoSettings defaults = DemoSettings.defaults("moons.onnx");
    assertSameSettings(defaults, DemoSettings.fromBundle(defaults.toBundle()));
  }

  private static void assertSameSettings(DemoSettings expected, DemoSettings actual) {
    assertEquals(expected.model(), actual.model());
    assertEquals(expected.provider(), actual.provider());
    assertEquals(expected.sampler(), actual.sampler());
    assertEquals(expected.steps(), actual.steps());
    assertEquals(expected.points(), actual.points());
    assertEquals(expected.seed(), actual.seed());
    assertEquals(expected.classLabel(), actual.classLabel());
    assertEquals(expected.guidance(), actual.guidance(), 0);
  }
}
