package dev.pocketdiffusion.android;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.onnx.ExecutionProvider;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.File;
import java.io.FileInputStream;
import java.util.Arrays;
import org.junit.Test;

public class ModelCatalogTest {
  /** Reads assets from the repository's models/ folder, as the app reads them from its assets. */
  private static final ModelCatalog.AssetBytes MODELS =
      name -> Streams.readAll(new FileInputStream(new File("../models", name)));

  @Test
  public void listsOnlyOnnxFilesSorted() {
    ModelCatalog catalog =
        new ModelCatalog(new String[] {"webkit", "b.onnx", "notes.txt", "a.onnx"}, MODELS, 1);
    assertEquals(Arrays.asList("a.onnx", "b.onnx"), catalog.names());
  }

  @Test
  public void opensEachModelOncePerProviderAndReadsItsCard() {
    try (ModelCatalog catalog = new ModelCatalog(new File("../models").list(), MODELS, 1)) {
      OnnxDenoiser moons = catalog.load("moons.onnx", ExecutionProvider.CPU);
      assertSame(moons, catalog.load("moons.onnx", ExecutionProvider.CPU));
      assertEquals("vp", moons.card().path().process().cliName());
      assertEquals(0, moons.numClasses());
      assertEquals(2, moons.dimension());
      assertTrue(moons.card().dataRange() != null);
      assertArrayEquals(moons.card().dataRange().min(), Viewport.rangeOf(moons.card()).min(), 0);
      assertEquals(
          "moons.onnx: vp, predicts epsilon, trained on moons",
          CardSummary.of("moons.onnx", moons.card()));
    }
  }

  @Test
  public void aMissingOrBrokenModelIsRefusedInOneLine() {
    ModelCatalog catalog =
        new ModelCatalog(
            new String[] {"moons.onnx", "broken.onnx"},
            name -> name.equals("broken.onnx") ? new byte[] {1, 2, 3} : MODELS.read(name),
            1);
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class, () -> catalog.load("dino.onnx", ExecutionProvider.CPU));
    assertEquals(
        "dino.onnx: no such model in the app's assets (it has [broken.onnx, moons.onnx])",
        missing.getMessage());
    InvalidInputException broken =
        assertThrows(
            InvalidInputException.class, () -> catalog.load("broken.onnx", ExecutionProvider.CPU));
    assertTrue(
        broken.getMessage(),
        broken.getMessage().startsWith("broken.onnx: not a loadable ONNX model"));
    catalog.close();
  }

  @Test
  public void anotherProviderGetsItsOwnSessionOrAClearRefusal() {
    try (ModelCatalog catalog = new ModelCatalog(new String[] {"moons.onnx"}, MODELS, 1)) {
      OnnxDenoiser cpu = catalog.load("moons.onnx", ExecutionProvider.CPU);
      for (ExecutionProvider provider : ExecutionProvider.values()) {
        if (provider == ExecutionProvider.CPU) {
          continue;
        }
        if (provider.isAvailable()) {
          assertNotSame(cpu, catalog.load("moons.onnx", provider));
        } else {
          InvalidInputException e =
              assertThrows(InvalidInputException.class, () -> catalog.load("moons.onnx", provider));
          assertTrue(
              e.getMessage(),
              e.getMessage()
                  .contains(
                      "execution provider "
                          + provider.cliName()
                          + " is not in this ONNX Runtime build"));
        }
      }
    }
  }
}
