package dev.hdp.core.rlp;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import java.math.BigInteger;
import java.util.Arrays;

/** A decoded RLP byte string (a view on the input). Accessors check the schema strictly. */
public final class RlpString extends RlpItem {
  RlpString(byte[] source, int offset, int payloadOffset, int end) {
    super(source, offset, payloadOffset, end);
  }

  @Override
  public boolean isList() {
    return false;
  }

  @Override
  public RlpString asString() {
    return this;
  }

  /** The number of bytes in the string. */
  public int length() {
    return end - payloadOffset;
  }

  /** Whether the string is empty (encoded {@code 0x80}). */
  public boolean isEmpty() {
    return end == payloadOffset;
  }

  /** The byte at {@code index} of the string. */
  public byte byteAt(int index) {
    if (index < 0 || index >= length()) {
      throw new IndexOutOfBoundsException(index);
    }
    return source[payloadOffset + index];
  }

  /** A copy of the string bytes. */
  public byte[] bytes() {
    return Arrays.copyOfRange(source, payloadOffset, end);
  }

  /** Whether the string bytes equal {@code bytes}. */
  public boolean contentEquals(byte[] bytes) {
    return Arrays.equals(source, payloadOffset, end, bytes, 0, bytes.length);
  }

  /** Whether the string bytes equal {@code bytes[from, from + 32)}. */
  boolean contentEquals32(byte[] bytes, int from) {
    return length() == 32 && Arrays.equals(source, payloadOffset, end, bytes, from, from + 32);
  }

  /**
   * Decodes the string's bytes, after skipping {@code skip} of them, as one RLP item: for values
   * that are themselves RLP (trie leaves holding accounts, storage values, transactions, receipts).
   * Offsets in errors are into the original input.
   */
  public RlpItem decodeContent(int skip) {
    if (skip < 0 || skip > length()) {
      throw new IndexOutOfBoundsException(skip);
    }
    return RlpDecoder.decode(source, payloadOffset + skip, end);
  }

  /** The string as exactly {@code size} bytes, else {@code WRONG_LENGTH}. */
  public byte[] fixedBytes(int size) {
    requireLength(size);
    return bytes();
  }

  /** The string as a 32-byte value (a hash or root), else {@code WRONG_LENGTH}. */
  public Bytes32 asBytes32() {
    requireLength(32);
    return Bytes32.of(bytes());
  }

  /** The string as a 20-byte address, else {@code WRONG_LENGTH}. */
  public Address asAddress() {
    requireLength(20);
    return Address.of(bytes());
  }

  /**
   * The string as a canonical unsigned integer of at most 32 bytes: zero is the empty string, no
   * leading zero bytes.
   */
  public UInt256 asUInt256() {
    return UInt256.of(asBigInteger(32));
  }

  /**
   * The string as a canonical unsigned integer of at most {@code maxBytes} bytes.
   *
   * @throws RlpException {@code LEADING_ZERO_IN_INTEGER} or {@code INTEGER_TOO_LARGE}
   */
  public BigInteger asBigInteger(int maxBytes) {
    checkCanonicalInteger(maxBytes);
    return isEmpty() ? BigInteger.ZERO : new BigInteger(1, source, payloadOffset, length());
  }

  /**
   * The string as a canonical unsigned integer below 2^63 (block numbers, gas, timestamps, nonces).
   *
   * @throws RlpException {@code LEADING_ZERO_IN_INTEGER} or {@code INTEGER_TOO_LARGE}
   */
  public long asLong() {
    checkCanonicalInteger(8);
    long value = 0;
    for (int i = payloadOffset; i < end; i++) {
      value = value << 8 | (source[i] & 0xff);
    }
    if (value < 0) {
      throw new RlpException(
          RlpException.Kind.INTEGER_TOO_LARGE, "integer does not fit below 2^63", source, offset);
    }
    return value;
  }

  /** The string as an integer that must fit an {@code int} (small counters, type bytes). */
  public int asInt() {
    long value = asLong();
    if (value > Integer.MAX_VALUE) {
      throw new RlpException(
          RlpException.Kind.INTEGER_TOO_LARGE, "integer does not fit 31 bits", source, offset);
    }
    return (int) value;
  }

  private void checkCanonicalInteger(int maxBytes) {
    if (length() > maxBytes) {
      throw new RlpException(
          RlpException.Kind.INTEGER_TOO_LARGE,
          "integer of " + length() + " bytes where at most " + maxBytes + " are allowed",
          source,
          offset);
    }
    if (length() > 0 && source[payloadOffset] == 0) {
      throw new RlpException(
          RlpException.Kind.LEADING_ZERO_IN_INTEGER,
          "integer with a leading zero byte",
          source,
          offset);
    }
  }

  private void requireLength(int size) {
    if (length() != size) {
      throw new RlpException(
          RlpException.Kind.WRONG_LENGTH,
          "expected a " + size + "-byte string, found " + length() + " bytes",
          source,
          offset);
    }
  }
}
