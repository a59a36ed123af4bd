package dev.hdp.core.cairo;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes as u64 little-endian chunks, HDP's {@code FieldElementVectorUnit::from_bytes}: chunk {@code
 * i} is {@code u64_le(bytes[8i, 8i + 8))}, the last chunk zero-extended at the high end. Printed as
 * lowercase {@code 0x} hex without leading zeros ({@code "0x0"} for zero).
 */
public final class FeltChunks {
  private FeltChunks() {}

  /** The number of chunks of {@code byteLength} bytes. */
  public static int chunkCount(int byteLength) {
    return (byteLength + 7) / 8;
  }

  /** The chunks of {@code bytes} as unsigned 64-bit values held in longs. */
  public static long[] toChunks(byte[] bytes) {
    long[] out = new long[chunkCount(bytes.length)];
    for (int i = 0; i < bytes.length; i++) {
      out[i >>> 3] |= (bytes[i] & 0xffL) << ((i & 7) * 8);
    }
    return out;
  }

  /** The chunks as HDP prints them: {@code "0x" + lowercase hex}, no leading zeros. */
  public static List<String> toHex(byte[] bytes) {
    long[] chunks = toChunks(bytes);
    List<String> out = new ArrayList<>(chunks.length);
    for (long c : chunks) {
      out.add(chunkHex(c));
    }
    return out;
  }

  /** One chunk as HDP prints it. */
  public static String chunkHex(long chunk) {
    return "0x" + Long.toUnsignedString(chunk, 16);
  }

  /**
   * The bytes back from chunks, given the original length (the last chunk's padding is not
   * recorded).
   *
   * @throws IllegalArgumentException when the chunk count does not fit {@code byteLength}, or the
   *     last chunk has bits set beyond it
   */
  public static byte[] fromChunks(long[] chunks, int byteLength) {
    if (byteLength < 0 || chunks.length != chunkCount(byteLength)) {
      throw new IllegalArgumentException(
          chunks.length + " chunks cannot hold exactly " + byteLength + " bytes");
    }
    int tail = byteLength & 7;
    if (tail != 0 && (chunks[chunks.length - 1] >>> (tail * 8)) != 0) {
      throw new IllegalArgumentException(
          "last chunk "
              + chunkHex(chunks[chunks.length - 1])
              + " has bits beyond byte "
              + byteLength);
    }
    byte[] out = new byte[byteLength];
    for (int i = 0; i < byteLength; i++) {
      out[i] = (byte) (chunks[i >>> 3] >>> ((i & 7) * 8));
    }
    return out;
  }

  /**
   * Parses chunks printed as hex (strictly: {@code 0x} prefix, 1–16 hex digits) and rebuilds the
   * bytes.
   *
   * @throws IllegalArgumentException naming the bad chunk
   */
  public static byte[] fromHex(List<String> chunks, int byteLength) {
    long[] values = new long[chunks.size()];
    for (int i = 0; i < values.length; i++) {
      String c = chunks.get(i);
      if (c == null
          || !c.startsWith("0x")
          || c.length() < 3
          || c.length() > 18
          || !c.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
        throw new IllegalArgumentException("chunk " + i + " is not 0x + 1–16 hex digits: " + c);
      }
      values[i] = Long.parseUnsignedLong(c.substring(2), 16);
    }
    return fromChunks(values, byteLength);
  }
}
