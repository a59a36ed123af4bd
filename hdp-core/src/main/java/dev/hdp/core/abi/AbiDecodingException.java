package dev.hdp.core.abi;

import dev.hdp.core.bytes.Hex;
import java.util.Arrays;

/**
 * Bytes that are not the canonical ABI encoding of the expected value. The message names the value,
 * the field, the byte offset and shows a hex window of the offending bytes.
 */
public final class AbiDecodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final int offset;

  /** A problem with the bytes at {@code offset} of {@code data} (null when not at hand). */
  public AbiDecodingException(String what, String field, int offset, String reason, byte[] data) {
    super(what + "." + field + " at byte " + offset + ": " + reason + window(data, offset));
    this.field = field;
    this.offset = offset;
  }

  /** Wraps a domain rule that the decoded value broke (for example start > end). */
  public AbiDecodingException(String what, String field, String reason, Throwable cause) {
    super(what + "." + field + ": " + reason, cause);
    this.field = field;
    this.offset = -1;
  }

  /** The field whose bytes are wrong, as named in the layout (e.g. {@code blockRangeEnd}). */
  public String field() {
    return field;
  }

  /** The byte offset of the offending word, or -1 when the problem is not at one place. */
  public int offset() {
    return offset;
  }

  private static String window(byte[] data, int offset) {
    if (data == null || offset < 0 || offset >= data.length) {
      return "";
    }
    int end = Math.min(data.length, offset + 32);
    return " [" + Hex.encode(Arrays.copyOfRange(data, offset, end)) + "]";
  }
}
