package dev.hdp.core.bytes;

import java.math.BigInteger;
import java.util.Arrays;

/** An immutable 20-byte Ethereum address. Printed in lowercase hex (no checksum casing). */
public final class Address implements Comparable<Address> {
  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of exactly 20 bytes. */
  public static Address of(byte[] bytes) {
    if (bytes.length != 20) {
      throw new IllegalArgumentException("an address needs 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /** Strict parse of exactly 40 hex digits, with or without {@code 0x}; any letter case. */
  public static Address fromHex(String hex) {
    return new Address(Hex.decodeExact(hex, 20));
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** The address as a 160-bit unsigned integer (how HDP turns address fields into values). */
  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /** keccak256 of the 20 bytes: the account's key in the state trie. */
  public Bytes32 keccak() {
    return Keccak256.hash(bytes);
  }

  /** Lowercase {@code 0x}-prefixed hex, 40 digits. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public int compareTo(Address other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && Arrays.equals(bytes, other.bytes);
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
