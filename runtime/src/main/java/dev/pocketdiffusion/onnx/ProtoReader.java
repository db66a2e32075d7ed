package dev.pocketdiffusion.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format over a byte array, one field at a time, with every length checked
 * against the bytes that are there: just enough to read an ONNX model's graph without a protobuf
 * library. Malformed input throws {@link Malformed}.
 */
final class ProtoReader {
  /** Wire types. */
  static final int VARINT = 0;

  static final int FIXED64 = 1;
  static final int LENGTH = 2;
  static final int FIXED32 = 5;

  /** The bytes are not valid protobuf. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private final byte[] bytes;
  private final int start;
  private int pos;
  private final int limit;
  private int wireType;

  ProtoReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  private ProtoReader(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.start = from;
    this.pos = from;
    this.limit = to;
  }

  /** Reads the next field's key and returns its number, or 0 at the end of the message. */
  int next() {
    if (pos >= limit) {
      return 0;
    }
    long key = varint();
    wireType = (int) (key & 7);
    long field = key >>> 3;
    if (field < 1 || field > (1 << 29) - 1) {
      throw new Malformed("field number " + field + " at byte " + pos);
    }
    if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH && wireType != FIXED32) {
      throw new Malformed("wire type " + wireType + " at byte " + pos);
    }
    return (int) field;
  }

  /** The wire type of the field {@link #next} returned. */
  int wireType() {
    return wireType;
  }

  /** A varint field's value. */
  long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw new Malformed("truncated varint");
      }
      byte b = bytes[pos++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new Malformed("varint longer than 10 bytes at byte " + pos);
  }

  /** A length-delimited field as a reader over its bytes. */
  ProtoReader message() {
    int length = length();
    ProtoReader sub = new ProtoReader(bytes, pos, pos + length);
    pos += length;
    return sub;
  }

  /** A length-delimited field as UTF-8 text. */
  String string() {
    int length = length();
    String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  /** A length-delimited field's size in bytes, without reading it. */
  int skipLength() {
    int length = length();
    pos += length;
    return length;
  }

  /** The number of bytes this reader spans. */
  int size() {
    return limit - start;
  }

  /** A copy of the bytes this reader spans. */
  byte[] toBytes() {
    return java.util.Arrays.copyOfRange(bytes, start, limit);
  }

  /** Skips the current field's value. */
  void skip() {
    switch (wireType) {
      case VARINT:
        varint();
        break;
      case FIXED64:
        advance(8);
        break;
      case FIXED32:
        advance(4);
        break;
      default:
        skipLength();
    }
  }

  /** True if the reader has no bytes left. */
  boolean done() {
    return pos >= limit;
  }

  private void advance(int n) {
    if (limit - pos < n) {
      throw new Malformed("truncated field at byte " + pos);
    }
    pos += n;
  }

  private int length() {
    long length = varint();
    if (length < 0 || length > limit - pos) {
      throw new Malformed("length " + length + " runs past the end at byte " + pos);
    }
    return (int) length;
  }
}
