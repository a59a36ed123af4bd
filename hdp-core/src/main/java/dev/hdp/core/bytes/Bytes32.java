package dev.hdp.core.bytes;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;

/** An immutable 32-byte value: a hash, a commitment, a root, a storage slot. */
public final class Bytes32 implements Comparable<Bytes32> {
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);

  private final byte[] bytes;

  private Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of exactly 32 bytes. */
  public static Bytes32 of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("Bytes32 needs 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /** Takes ownership of the array without a copy; only for arrays nobody else holds. */
  static Bytes32 wrapUnsafe(byte[] bytes) {
    return new Bytes32(bytes);
  }

  /** Strict parse of exactly 64 hex digits, with or without {@code 0x}. */
  public static Bytes32 fromHex(String hex) {
    return new Bytes32(Hex.decodeExact(hex, 32));
  }

  /**
   * The 32-byte big-endian form of a non-negative integer below 2^256.
   *
   * @throws IllegalArgumentException when the value is negative or does not fit
   */
  public static Bytes32 fromBigInteger(BigInteger value) {
    return new Bytes32(UInt256.toBytes32Array(value));
  }

  /** The big-endian unsigned integer value. */
  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** The byte at {@code index}. */
  public byte get(int index) {
    return bytes[index];
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, 32);
  }

  /** Lowercase {@code 0x}-prefixed hex, 64 digits. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  /** The low 128 bits, as the Cairo/Solidity {@code Uint256.low} of a root. */
  public BigInteger low128() {
    return new BigInteger(1, Arrays.copyOfRange(bytes, 16, 32));
  }

  /** The high 128 bits, as the Cairo/Solidity {@code Uint256.high} of a root. */
  public BigInteger high128() {
    return new BigInteger(1, Arrays.copyOfRange(bytes, 0, 16));
  }

  @Override
  public int compareTo(Bytes32 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
