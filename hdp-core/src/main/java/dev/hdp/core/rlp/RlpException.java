package dev.hdp.core.rlp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Bytes that are not canonical RLP, or RLP that does not have the expected shape. Unchecked: the
 * layers above translate it into their own result (a proof failure, a rejected RPC answer).
 *
 * <p>The message ends with the offset and a hex window of the input around it, the failing byte in
 * brackets, e.g. {@code (at byte 3: 0xf84b80[b8]01…)}.
 */
public final class RlpException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int WINDOW = 16;

  /** What is wrong, for callers and tests that branch on it. */
  public enum Kind {
    /** No bytes where an item was expected. */
    EMPTY_INPUT,
    /** An item's declared length runs past the end of the input or of its enclosing list. */
    TRUNCATED,
    /** Bytes follow the single top-level item. */
    TRAILING_BYTES,
    /** A single byte below 0x80 wrapped as a one-byte string (it must encode as itself). */
    NON_CANONICAL_SINGLE_BYTE,
    /** The long length form used for a payload shorter than 56 bytes. */
    NON_CANONICAL_LENGTH,
    /** A long-form length with a leading zero byte. */
    LEADING_ZERO_IN_LENGTH,
    /** A declared length that does not fit a Java array. */
    LENGTH_OVERFLOW,
    /** Lists nested deeper than {@link RlpDecoder#MAX_DEPTH}. */
    NESTING_TOO_DEEP,
    /** A list where a string was required, or the other way round. */
    WRONG_TYPE,
    /** A list with the wrong number of items. */
    WRONG_ITEM_COUNT,
    /** A fixed-size string (hash, address, bloom) of the wrong length. */
    WRONG_LENGTH,
    /** An integer with leading zero bytes (integers are minimal big-endian, zero is empty). */
    LEADING_ZERO_IN_INTEGER,
    /** An integer too large for its field. */
    INTEGER_TOO_LARGE,
    /** A well-formed item whose value the schema forbids (e.g. an unknown transaction type). */
    INVALID_VALUE
  }

  private final Kind kind;
  private final int offset;
  private final String detail;
  private final byte[] window;
  private final int windowStart;
  private final int inputLength;

  RlpException(Kind kind, String detail, byte[] input, int offset) {
    super(null, null, false, false); // no stack-trace filling: untrusted input makes these routine
    this.kind = kind;
    this.detail = detail;
    this.offset = offset;
    int from = Math.max(0, Math.min(offset, input.length) - WINDOW);
    int to = Math.min(input.length, Math.max(offset, 0) + WINDOW);
    this.windowStart = from;
    this.window = Arrays.copyOfRange(input, from, Math.max(from, to));
    this.inputLength = input.length;
  }

  private RlpException(RlpException original, String detail) {
    super(null, null, false, false);
    this.kind = original.kind;
    this.detail = detail;
    this.offset = original.offset;
    this.window = original.window;
    this.windowStart = original.windowStart;
    this.inputLength = original.inputLength;
  }

  /** An exception for a problem at {@code offset} of {@code input}. */
  public static RlpException at(Kind kind, String detail, byte[] input, int offset) {
    return new RlpException(kind, detail, input, offset);
  }

  /** An exception for a schema violation found by a decoder built on top of this package. */
  public static RlpException invalid(Kind kind, String detail, RlpItem item) {
    return new RlpException(kind, detail, item.source(), item.offset());
  }

  /** What is wrong. */
  public Kind kind() {
    return kind;
  }

  /** The offset in the decoded input where the problem was found. */
  public int offset() {
    return offset;
  }

  /** The message without the hex window. */
  public String detail() {
    return detail;
  }

  /** Adds a prefix naming the field or structure being decoded, keeping kind, offset and window. */
  public RlpException within(String context) {
    return new RlpException(this, context + ": " + detail);
  }

  @Override
  public String getMessage() {
    return detail + " (" + location() + ")";
  }

  @Override
  public String toString() {
    return "RlpException[" + kind + "]: " + getMessage();
  }

  private String location() {
    HexFormat hex = HexFormat.of();
    StringBuilder s =
        new StringBuilder("at byte ").append(offset).append(" of ").append(inputLength);
    s.append(": 0x");
    if (windowStart > 0) {
      s.append('…');
    }
    int rel = offset - windowStart;
    for (int i = 0; i < window.length; i++) {
      if (i == rel) {
        s.append('[').append(hex.toHexDigits(window[i])).append(']');
      } else {
        s.append(hex.toHexDigits(window[i]));
      }
    }
    if (rel >= window.length) {
      s.append("[end]");
    }
    if (windowStart + window.length < inputLength) {
      s.append('…');
    }
    return s.toString();
  }
}
