package dev.hdp.core.bytes;

import java.util.HexFormat;

/**
 * Strict hexadecimal conversion. Unlike web3j's {@code Numeric}, it rejects odd lengths and non-hex
 * characters instead of producing garbage bytes.
 */
public final class Hex {
  private static final HexFormat LOWER = HexFormat.of();

  private Hex() {}

  /** Lowercase hex of the bytes with a {@code 0x} prefix. */
  public static String encode(byte[] bytes) {
    return "0x" + LOWER.formatHex(bytes);
  }

  /** Lowercase hex of the bytes without a prefix. */
  public static String encodeNoPrefix(byte[] bytes) {
    return LOWER.formatHex(bytes);
  }

  /**
   * Decodes hex with an optional {@code 0x}/{@code 0X} prefix; both cases accepted.
   *
   * @throws IllegalArgumentException naming the problem (odd length, bad character and its index)
   */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("hex string is null");
    }
    String digits = strip(hex);
    if ((digits.length() & 1) != 0) {
      throw new IllegalArgumentException(
          "hex string has an odd number of digits (" + digits.length() + "): " + abbreviate(hex));
    }
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (digit(hex, digits, 2 * i) << 4 | digit(hex, digits, 2 * i + 1));
    }
    return out;
  }

  /**
   * Decodes hex into exactly {@code length} bytes, for fixed-size values.
   *
   * @throws IllegalArgumentException when the decoded length differs
   */
  public static byte[] decodeExact(String hex, int length) {
    byte[] bytes = decode(hex);
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          "expected " + length + " bytes of hex, got " + bytes.length + ": " + abbreviate(hex));
    }
    return bytes;
  }

  static String strip(String hex) {
    return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
  }

  private static int digit(String original, String digits, int index) {
    int value = Character.digit(digits.charAt(index), 16);
    if (value < 0) {
      throw new IllegalArgumentException(
          "not a hex digit '"
              + digits.charAt(index)
              + "' at index "
              + index
              + ": "
              + abbreviate(original));
    }
    return value;
  }

  /** A short form of a possibly huge string, for error messages. */
  public static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 40) + "…" + s.substring(s.length() - 20);
  }
}
