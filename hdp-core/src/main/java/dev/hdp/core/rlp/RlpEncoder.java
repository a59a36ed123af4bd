package dev.hdp.core.rlp;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;

/** Canonical RLP encoding. Every method returns a fresh array holding one whole item. */
public final class RlpEncoder {
  private static final byte[] EMPTY_STRING = {(byte) 0x80};

  private RlpEncoder() {}

  /** The encoding of a byte string. */
  public static byte[] encodeBytes(byte[] bytes) {
    if (bytes.length == 1 && (bytes[0] & 0xff) < 0x80) {
      return new byte[] {bytes[0]};
    }
    byte[] out = new byte[headerLength(bytes.length) + bytes.length];
    int at = writeHeader(out, 0x80, bytes.length);
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return out;
  }

  /** The encoding of a 32-byte value as a 32-byte string. */
  public static byte[] encode(Bytes32 value) {
    return encodeBytes(value.toArray());
  }

  /** The encoding of an address as a 20-byte string. */
  public static byte[] encode(Address address) {
    return encodeBytes(address.toArray());
  }

  /** The encoding of a non-negative integer: minimal big-endian bytes, zero as the empty string. */
  public static byte[] encodeLong(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned: " + value);
    }
    if (value == 0) {
      return EMPTY_STRING.clone();
    }
    int length = 8 - Long.numberOfLeadingZeros(value) / 8;
    byte[] bytes = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      bytes[i] = (byte) value;
      value >>>= 8;
    }
    return encodeBytes(bytes);
  }

  /** The encoding of a non-negative integer of any size. */
  public static byte[] encodeBigInteger(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned: " + value);
    }
    if (value.signum() == 0) {
      return EMPTY_STRING.clone();
    }
    byte[] raw = value.toByteArray();
    int skip = raw[0] == 0 ? 1 : 0;
    byte[] bytes = new byte[raw.length - skip];
    System.arraycopy(raw, skip, bytes, 0, bytes.length);
    return encodeBytes(bytes);
  }

  /** The encoding of a uint256 as an integer. */
  public static byte[] encode(UInt256 value) {
    return encodeBigInteger(value.value());
  }

  /** A list of already-encoded items. */
  public static byte[] encodeList(byte[]... encodedItems) {
    return encodeList(List.of(encodedItems));
  }

  /** A list of already-encoded items. */
  public static byte[] encodeList(List<byte[]> encodedItems) {
    int payload = 0;
    for (byte[] item : encodedItems) {
      payload += item.length;
    }
    byte[] out = new byte[headerLength(payload) + payload];
    int at = writeHeader(out, 0xc0, payload);
    for (byte[] item : encodedItems) {
      System.arraycopy(item, 0, out, at, item.length);
      at += item.length;
    }
    return out;
  }

  /** A builder for a list, for callers that produce items one by one. */
  public static ListBuilder list() {
    return new ListBuilder();
  }

  /** Collects encoded items of one list. */
  public static final class ListBuilder {
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    private ListBuilder() {}

    /** Appends an already-encoded item. */
    public ListBuilder addEncoded(byte[] encodedItem) {
      payload.writeBytes(encodedItem);
      return this;
    }

    /** Appends a byte string. */
    public ListBuilder addBytes(byte[] bytes) {
      return addEncoded(encodeBytes(bytes));
    }

    /** Appends an integer. */
    public ListBuilder addLong(long value) {
      return addEncoded(encodeLong(value));
    }

    /** The encoded list. */
    public byte[] build() {
      return encodeList(payload.toByteArray()); // one "item": the concatenated payload
    }
  }

  private static int headerLength(int payloadLength) {
    return payloadLength < 56 ? 1 : 1 + lengthOfLength(payloadLength);
  }

  private static int lengthOfLength(int length) {
    return 4 - Integer.numberOfLeadingZeros(length) / 8;
  }

  private static int writeHeader(byte[] out, int base, int payloadLength) {
    if (payloadLength < 56) {
      out[0] = (byte) (base + payloadLength);
      return 1;
    }
    int n = lengthOfLength(payloadLength);
    out[0] = (byte) (base + 55 + n);
    for (int i = n; i >= 1; i--) {
      out[i] = (byte) payloadLength;
      payloadLength >>>= 8;
    }
    return n + 1;
  }
}
