package dev.pocketdiffusion.trainer.datasets;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.trainer.training.TrainingLimits;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * {@code image:FILE}: a picture (PNG, JPEG, GIF, BMP) as a 2-D density. Ink is darkness times
 * opacity, so a dark drawing on a light or transparent background works as is; where most of the
 * picture is dark (a light drawing on black, like MNIST), lightness is the ink instead.
 */
final class ImageDataset implements PointDataset {
  private final String name;
  private final PixelDensity density;

  private ImageDataset(String name, PixelDensity density) {
    this.name = name;
    this.density = density;
  }

  /**
   * Reads {@code file}.
   *
   * @throws InvalidInputException naming the file when it is missing, not an image or blank
   */
  static ImageDataset read(File file) {
    if (!file.isFile()) {
      throw new InvalidInputException(
          file + ": file not found (image:FILE needs a PNG, JPEG, GIF or BMP)");
    }
    checkSize(file);
    BufferedImage image;
    try {
      image = ImageIO.read(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the image (" + e.getMessage() + ")", e);
    }
    if (image == null) {
      throw new InvalidInputException(
          file + ": not an image ImageIO can read (use PNG, JPEG, GIF or BMP)");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    float[] darkness = new float[w * h];
    double total = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = image.getRGB(x, y);
        double alpha = ((argb >>> 24) & 0xff) / 255.0;
        double luminance =
            (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff))
                / 255.0;
        darkness[y * w + x] = (float) (alpha * (1 - luminance));
        total += darkness[y * w + x];
      }
    }
    if (total > 0.5 * w * h) {
      for (int i = 0; i < darkness.length; i++) {
        darkness[i] = 1 - darkness[i];
      }
    }
    try {
      return new ImageDataset("image:" + file.getName(), new PixelDensity(darkness, w, h));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + ": " + e.getMessage());
    }
  }

  /**
   * Reads the picture's size from its header and refuses one beyond {@link
   * TrainingLimits#MAX_IMAGE_PIXELS} before any pixel is decoded.
   */
  private static void checkSize(File file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file)) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return; // not an image: ImageIO.read says so
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > TrainingLimits.MAX_IMAGE_PIXELS) {
          throw new InvalidInputException(
              file
                  + ": "
                  + reader.getWidth(0)
                  + " × "
                  + reader.getHeight(0)
                  + " pixels, more than the "
                  + TrainingLimits.MAX_IMAGE_PIXELS
                  + " an image dataset may have; scale it down");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the image (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public String cliName() {
    return name;
  }

  @Override
  public Points sample(int n, long seed) {
    Random rng = new Random(seed);
    double[] data = new double[2 * n];
    for (int i = 0; i < n; i++) {
      density.sample(rng, data, 2 * i);
    }
    return new Points(n, 2, data);
  }
}
