package dev.pocketdiffusion.plots;

import dev.pocketdiffusion.Points;
import dev.pocketdiffusion.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes point sets as the frames of a looping animated GIF. Frames are drawn straight into an
 * 8-colour indexed raster (a point is a few palette bytes), so no colour quantisation runs, and
 * encoded by the JDK's own ImageIO GIF writer, which needs no dependency: the frame delay and the
 * NETSCAPE2.0 loop block go into its standard metadata tree. The axis box maps onto the whole plot
 * area (the {@link #PLOT} colour). Desktop only.
 */
public final class GifAnimation {
  /** Palette index of the page background. */
  static final int PAGE = 0;

  /** Palette index of the plot area. */
  public static final int PLOT = 1;

  /** Palette index of text and the frame. */
  static final int INK = 2;

  /** Palette index of the reference data. */
  static final int REFERENCE = 3;

  /** Palette index of the moving points. */
  public static final int POINT = 4;

  /** The palette, index → RGB. */
  private static final Color[] PALETTE = {
    Color.WHITE,
    new Color(246, 246, 246),
    Color.BLACK,
    new Color(200, 200, 200),
    new Color(31, 119, 180),
    new Color(120, 120, 120),
    Color.WHITE,
    Color.WHITE
  };

  /** The palette colour at {@code index}, e.g. {@link #POINT}. */
  public static Color colour(int index) {
    return PALETTE[index];
  }

  private final int size;
  private final double[] box;
  private final int left;
  private final int top;
  private final int plotSize;
  private final IndexColorModel colours;
  private final byte[] background;

  /**
   * An animation of {@code size}-pixel square frames on the axis box {xmin, xmax, ymin, ymax}, with
   * {@code reference} (may be null) behind the points.
   */
  public GifAnimation(int size, double[] box, Points reference) {
    this.size = size;
    this.box = box;
    this.top = 16 + size / 30;
    this.left = 8 + size / 12;
    this.plotSize = size - top - left / 2;
    byte[] r = new byte[PALETTE.length];
    byte[] g = new byte[PALETTE.length];
    byte[] b = new byte[PALETTE.length];
    for (int i = 0; i < PALETTE.length; i++) {
      r[i] = (byte) PALETTE[i].getRed();
      g[i] = (byte) PALETTE[i].getGreen();
      b[i] = (byte) PALETTE[i].getBlue();
    }
    this.colours = new IndexColorModel(3, PALETTE.length, r, g, b);
    BufferedImage base = blank();
    Graphics2D graphics = base.createGraphics();
    try {
      graphics.setColor(PALETTE[PLOT]);
      graphics.fillRect(left, top, plotSize, plotSize);
      graphics.setColor(PALETTE[INK]);
      graphics.drawRect(left - 1, top - 1, plotSize + 1, plotSize + 1);
      graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, size / 40)));
      int below = top + plotSize + graphics.getFontMetrics().getAscent() + 2;
      graphics.drawString(tick(box[0]), left, below);
      String xmax = tick(box[1]);
      graphics.drawString(
          xmax, left + plotSize - graphics.getFontMetrics().stringWidth(xmax), below);
      graphics.drawString(tick(box[3]), 2, top + graphics.getFontMetrics().getAscent());
      graphics.drawString(tick(box[2]), 2, top + plotSize);
    } finally {
      graphics.dispose();
    }
    this.background = pixels(base);
    if (reference != null) {
      plot(background, reference, REFERENCE);
    }
  }

  /**
   * Writes one frame per point set, each with its caption, {@code delayMs} apart, looping forever;
   * the last frame holds for {@code holdMs}.
   */
  public void write(File gif, List<Points> frames, List<String> captions, int delayMs, int holdMs)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try {
      AtomicFiles.write(
          gif,
          out -> {
            ImageOutputStream stream = new MemoryCacheImageOutputStream(out);
            writer.setOutput(stream);
            writer.prepareWriteSequence(palette(writer));
            for (int k = 0; k < frames.size(); k++) {
              BufferedImage frame = blank();
              byte[] target = pixels(frame);
              System.arraycopy(background, 0, target, 0, target.length);
              plot(target, frames.get(k), POINT);
              Graphics2D graphics = frame.createGraphics();
              try {
                graphics.setColor(PALETTE[INK]);
                graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, size / 32)));
                graphics.drawString(captions.get(k), left, top - 5);
              } finally {
                graphics.dispose();
              }
              int delay = k == frames.size() - 1 ? holdMs : delayMs;
              writer.writeToSequence(
                  new IIOImage(frame, null, metadata(writer, frame, delay, k == 0)), null);
            }
            writer.endWriteSequence();
            stream.close();
          });
    } finally {
      writer.dispose();
    }
  }

  private BufferedImage blank() {
    return new BufferedImage(size, size, BufferedImage.TYPE_BYTE_INDEXED, colours);
  }

  private static byte[] pixels(BufferedImage image) {
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }

  /** Sets a 3×3 block (2×2 below 400 px) of {@code colour} at each point inside the axis box. */
  private void plot(byte[] target, Points points, int colour) {
    int dot = size >= 400 ? 3 : 2;
    double sx = (plotSize - dot) / (box[1] - box[0]);
    double sy = (plotSize - dot) / (box[3] - box[2]);
    byte c = (byte) colour;
    for (int i = 0; i < points.size(); i++) {
      double x = points.get(i, 0);
      double y = points.get(i, 1);
      if (!(x >= box[0] && x <= box[1] && y >= box[2] && y <= box[3])) {
        continue;
      }
      int px = left + (int) Math.round((x - box[0]) * sx);
      int py = top + (int) Math.round((box[3] - y) * sy);
      for (int dy = 0; dy < dot; dy++) {
        int row = (py + dy) * size;
        for (int dx = 0; dx < dot; dx++) {
          target[row + px + dx] = c;
        }
      }
    }
  }

  /**
   * Stream metadata whose global colour table is {@link #PALETTE}: without it the writer puts a
   * default 216-colour table in the file and the frames' indices would pick colours from that.
   */
  private static IIOMetadata palette(ImageWriter writer) throws IOException {
    IIOMetadata meta = writer.getDefaultStreamMetadata(writer.getDefaultWriteParam());
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode table = child(root, "GlobalColorTable");
    table.setAttribute("sizeOfGlobalColorTable", Integer.toString(PALETTE.length));
    table.setAttribute("backgroundColorIndex", Integer.toString(PAGE));
    table.setAttribute("sortFlag", "FALSE");
    while (table.getFirstChild() != null) {
      table.removeChild(table.getFirstChild());
    }
    for (int i = 0; i < PALETTE.length; i++) {
      IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
      entry.setAttribute("index", Integer.toString(i));
      entry.setAttribute("red", Integer.toString(PALETTE[i].getRed()));
      entry.setAttribute("green", Integer.toString(PALETTE[i].getGreen()));
      entry.setAttribute("blue", Integer.toString(PALETTE[i].getBlue()));
      table.appendChild(entry);
    }
    meta.setFromTree(format, root);
    return meta;
  }

  /**
   * The GIF metadata of one frame: its delay, and on the first frame the NETSCAPE2.0 block that
   * loops forever.
   */
  private static IIOMetadata metadata(
      ImageWriter writer, BufferedImage frame, int delayMs, boolean first) throws IOException {
    ImageWriteParam param = writer.getDefaultWriteParam();
    IIOMetadata meta =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    root.removeChild(
        child(root, "LocalColorTable")); // a default 256-colour table; frames use the global one
    child(root, "ImageDescriptor").setAttribute("interlaceFlag", "FALSE");
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("transparentColorIndex", "0");
    control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
    if (first) {
      IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
      loop.setAttribute("applicationID", "NETSCAPE");
      loop.setAttribute("authenticationCode", "2.0");
      loop.setUserObject(new byte[] {1, 0, 0});
      child(root, "ApplicationExtensions").appendChild(loop);
    }
    meta.setFromTree(format, root);
    return meta;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }

  private static String tick(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
