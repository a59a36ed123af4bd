package dev.hdp.core.rlp;

import dev.hdp.core.rlp.RlpException.Kind;
import java.util.Arrays;

/**
 * Strict RLP decoder for untrusted bytes. Every length must be in its shortest form, a single byte
 * below 0x80 must encode as itself, long-form lengths have no leading zero, every item fits inside
 * its list, and the input holds exactly one item.
 */
public final class RlpDecoder {
  /**
   * Deeper nesting than this is rejected instead of risking the stack; no Ethereum object nests.
   */
  public static final int MAX_DEPTH = 64;

  private static final RlpItem[] NO_ITEMS = new RlpItem[0];

  private RlpDecoder() {}

  /**
   * Decodes the whole array as one item.
   *
   * @throws RlpException naming the kind of problem, its offset and a hex window
   */
  public static RlpItem decode(byte[] input) {
    return decode(input, 0, input.length);
  }

  /** Decodes {@code input[from, to)} as exactly one item (offsets in errors are into input). */
  public static RlpItem decode(byte[] input, int from, int to) {
    if (from < 0 || to > input.length || from > to) {
      throw new IndexOutOfBoundsException("range " + from + ".." + to + " of " + input.length);
    }
    if (from == to) {
      throw new RlpException(Kind.EMPTY_INPUT, "no RLP item in an empty input", input, from);
    }
    RlpItem item = parse(input, from, to, 0);
    if (item.end != to) {
      throw new RlpException(
          Kind.TRAILING_BYTES,
          (to - item.end) + " bytes after the RLP item that ends at " + item.end,
          input,
          item.end);
    }
    return item;
  }

  /** Decodes the whole array as one list. */
  public static RlpList decodeList(byte[] input) {
    return decode(input).asList();
  }

  private static RlpItem parse(byte[] in, int pos, int limit, int depth) {
    int prefix = in[pos] & 0xff;
    if (prefix < 0x80) {
      return new RlpString(in, pos, pos, pos + 1);
    }
    if (prefix <= 0xb7) {
      int length = prefix - 0x80;
      int end = checkEnd(in, pos, pos + 1, length, limit);
      if (length == 1 && (in[pos + 1] & 0xff) < 0x80) {
        throw new RlpException(
            Kind.NON_CANONICAL_SINGLE_BYTE,
            "single byte below 0x80 encoded as a one-byte string",
            in,
            pos);
      }
      return new RlpString(in, pos, pos + 1, end);
    }
    if (prefix <= 0xbf) {
      int lengthOfLength = prefix - 0xb7;
      int length = longLength(in, pos, lengthOfLength, limit);
      int payload = pos + 1 + lengthOfLength;
      return new RlpString(in, pos, payload, checkEnd(in, pos, payload, length, limit));
    }
    int payload;
    int length;
    if (prefix <= 0xf7) {
      length = prefix - 0xc0;
      payload = pos + 1;
    } else {
      int lengthOfLength = prefix - 0xf7;
      length = longLength(in, pos, lengthOfLength, limit);
      payload = pos + 1 + lengthOfLength;
    }
    int end = checkEnd(in, pos, payload, length, limit);
    if (length == 0) {
      return new RlpList(in, pos, payload, end, NO_ITEMS);
    }
    if (depth >= MAX_DEPTH) {
      throw new RlpException(
          Kind.NESTING_TOO_DEEP, "lists nested deeper than " + MAX_DEPTH + " levels", in, pos);
    }
    RlpItem[] items = new RlpItem[Math.min(length, 17)];
    int count = 0;
    int cursor = payload;
    while (cursor < end) {
      RlpItem item = parse(in, cursor, end, depth + 1);
      if (count == items.length) {
        items = Arrays.copyOf(items, count * 2);
      }
      items[count++] = item;
      cursor = item.end;
    }
    if (count != items.length) {
      items = Arrays.copyOf(items, count);
    }
    return new RlpList(in, pos, payload, end, items);
  }

  private static int longLength(byte[] in, int pos, int lengthOfLength, int limit) {
    if (pos + 1 + lengthOfLength > limit) {
      throw new RlpException(
          Kind.TRUNCATED,
          "length of " + lengthOfLength + " bytes runs past the end at " + limit,
          in,
          pos);
    }
    if (in[pos + 1] == 0) {
      throw new RlpException(
          Kind.LEADING_ZERO_IN_LENGTH, "long-form length starts with a zero byte", in, pos);
    }
    long length = 0;
    for (int i = 0; i < lengthOfLength; i++) {
      length = length << 8 | (in[pos + 1 + i] & 0xff);
      if (length > Integer.MAX_VALUE) {
        throw new RlpException(
            Kind.LENGTH_OVERFLOW, "declared length does not fit in 31 bits", in, pos);
      }
    }
    if (length < 56) {
      throw new RlpException(
          Kind.NON_CANONICAL_LENGTH,
          "long-form length " + length + " where the short form (< 56) is required",
          in,
          pos);
    }
    return (int) length;
  }

  private static int checkEnd(byte[] in, int pos, int payload, int length, int limit) {
    if (length > limit - payload) {
      throw new RlpException(
          Kind.TRUNCATED,
          "item of "
              + length
              + " payload bytes runs past the end of its "
              + (limit == in.length ? "input" : "enclosing list")
              + " at "
              + limit,
          in,
          pos);
    }
    return payload + length;
  }
}
