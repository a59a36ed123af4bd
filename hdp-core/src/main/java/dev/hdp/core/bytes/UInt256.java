package dev.hdp.core.bytes;

import java.math.BigInteger;

/**
 * An unsigned 256-bit integer: values, results, {@code valueToCompare}. Arithmetic that would leave
 * the range throws {@link ArithmeticException} (HDP's Solidity and Cairo sides cannot represent
 * it).
 */
public record UInt256(BigInteger value) implements Comparable<UInt256> {
  public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  public static final UInt256 ZERO = new UInt256(BigInteger.ZERO);
  public static final UInt256 ONE = new UInt256(BigInteger.ONE);

  /** Validates the range. */
  public UInt256 {
    if (value == null) {
      throw new IllegalArgumentException("uint256 value is null");
    }
    if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0) {
      throw new IllegalArgumentException("value out of uint256 range: " + value);
    }
  }

  public static UInt256 of(long value) {
    return new UInt256(BigInteger.valueOf(value));
  }

  public static UInt256 of(BigInteger value) {
    return new UInt256(value);
  }

  /** Big-endian unsigned bytes of any length up to 32 (as RLP and proofs carry them). */
  public static UInt256 fromBytes(byte[] bigEndian) {
    if (bigEndian.length > 32) {
      throw new IllegalArgumentException(
          "more than 32 bytes for a uint256: " + bigEndian.length + " bytes");
    }
    return new UInt256(new BigInteger(1, bigEndian));
  }

  /**
   * Parses a decimal string, or hex with a {@code 0x} prefix, strictly (no sign, no spaces).
   *
   * @throws IllegalArgumentException naming the text when it is not a uint256
   */
  public static UInt256 parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty uint256");
    }
    try {
      boolean hex = text.startsWith("0x") || text.startsWith("0X");
      String digits = hex ? text.substring(2) : text;
      if (digits.isEmpty()
          || !digits.chars().allMatch(c -> Character.digit(c, hex ? 16 : 10) >= 0)) {
        throw new NumberFormatException();
      }
      return new UInt256(new BigInteger(digits, hex ? 16 : 10));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a uint256 number: " + Hex.abbreviate(text), e);
    }
  }

  public UInt256 add(UInt256 other) {
    BigInteger sum = value.add(other.value);
    if (sum.compareTo(MAX_VALUE) > 0) {
      throw new ArithmeticException("uint256 overflow: " + value + " + " + other.value);
    }
    return new UInt256(sum);
  }

  /** The 32-byte big-endian word. */
  public Bytes32 toBytes32() {
    return Bytes32.fromBigInteger(value);
  }

  @Override
  public int compareTo(UInt256 other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }

  static byte[] toBytes32Array(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value does not fit 32 unsigned bytes: " + value);
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
