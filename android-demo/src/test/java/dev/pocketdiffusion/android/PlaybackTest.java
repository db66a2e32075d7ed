package dev.pocketdiffusion.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PlaybackTest {
  private final Playback playback = new Playback(40);

  @Test
  public void framesAreDueOneFrameTimeApart() {
    assertEquals(-1, playback.frameAt(1000, 0));
    assertEquals(0, playback.frameAt(0, 10));
    assertEquals(0, playback.frameAt(39, 10));
    assertEquals(1, playback.frameAt(40, 10));
    assertEquals(5, playback.frameAt(200, 10));
  }

  @Test
  public void aSlowRunIsShownLive() {
    assertEquals(2, playback.frameAt(10_000, 3));
    assertFalse(playback.isComplete(10_000, 3, false));
  }

  @Test
  public void playbackCompletesWhenTheRunIsDoneAndItsLastFrameIsDue() {
    assertFalse(playback.isComplete(100, 10, true));
    assertTrue(playback.isComplete(360, 10, true));
  }
}
