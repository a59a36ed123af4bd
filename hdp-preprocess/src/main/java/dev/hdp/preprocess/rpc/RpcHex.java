package dev.hdp.preprocess.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import java.math.BigInteger;

/**
 * Strict reading of the hex in JSON-RPC answers (the spec's QUANTITY and DATA): a quantity is
 * {@code 0x} and its digits without leading zeros ({@code 0x0} for zero), data is {@code 0x} and an
 * even number of digits. Anything else is an {@link IllegalArgumentException} naming the field.
 * Unlike web3j's {@code Numeric}, nothing is guessed or padded.
 */
public final class RpcHex {
  private RpcHex() {}

  /** The field, which must be present and a string. */
  public static String text(JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(field + ": missing or not a string: " + node);
    }
    return node.asText();
  }

  /** A QUANTITY field as an unsigned integer. */
  public static BigInteger quantity(JsonNode parent, String field) {
    return quantity(text(parent, field), field);
  }

  /** A QUANTITY as an unsigned integer. */
  public static BigInteger quantity(String text, String field) {
    if (text.length() < 3 || !text.startsWith("0x")) {
      throw new IllegalArgumentException(field + ": not a 0x quantity: " + Hex.abbreviate(text));
    }
    if (text.length() > 3 && text.charAt(2) == '0') {
      throw new IllegalArgumentException(
          field + ": quantity with a leading zero: " + Hex.abbreviate(text));
    }
    for (int i = 2; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(
            field + ": not a hex digit at " + i + ": " + Hex.abbreviate(text));
      }
    }
    return new BigInteger(text.substring(2), 16);
  }

  /** A QUANTITY field that fits a non-negative long. */
  public static long quantityLong(JsonNode parent, String field) {
    BigInteger value = quantity(parent, field);
    if (value.bitLength() > 63) {
      throw new IllegalArgumentException(
          field + ": too large for 63 bits: 0x" + value.toString(16));
    }
    return value.longValue();
  }

  /** A DATA field. */
  public static byte[] data(JsonNode parent, String field) {
    return data(text(parent, field), field);
  }

  /** DATA: {@code 0x} and an even number of hex digits. */
  public static byte[] data(String text, String field) {
    if (!text.startsWith("0x")) {
      throw new IllegalArgumentException(field + ": data without 0x: " + Hex.abbreviate(text));
    }
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  /** A DATA field of exactly {@code length} bytes. */
  public static byte[] data(JsonNode parent, String field, int length) {
    byte[] bytes = data(parent, field);
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          field + ": expected " + length + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  /** A 32-byte DATA field. */
  public static Bytes32 bytes32(JsonNode parent, String field) {
    return Bytes32.of(data(parent, field, 32));
  }

  /** A 20-byte address field. */
  public static Address address(JsonNode parent, String field) {
    return Address.of(data(parent, field, 20));
  }

  /** A QUANTITY for a request: {@code 0x} and minimal hex digits. */
  public static String quantity(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative quantity " + value);
    }
    return "0x" + Long.toHexString(value);
  }
}
