package dev.hdp.core.abi;

import dev.hdp.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the canonical {@code abi.encode(...)} of a tuple with a fixed number of head slots. Every
 * accessor checks its word; dynamic items must be read in order, and {@link #finish()} checks that
 * the tails end exactly at the end of the input. Any violation throws {@link AbiDecodingException}
 * naming the field.
 */
public final class AbiReader {
  /** Dynamic values longer than this are refused before any allocation (HDP's are tiny). */
  private static final int MAX_DYNAMIC_LENGTH = 1 << 20;

  private final byte[] data;
  private final String what;
  private final int headSlots;
  private int nextTail;

  /**
   * @param data the encoding (not copied; not modified)
   * @param what the value being decoded, for messages (e.g. {@code "BlockSampledDatalake"})
   * @param headSlots the number of head words of the tuple
   */
  public AbiReader(byte[] data, String what, int headSlots) {
    this.data = data;
    this.what = what;
    this.headSlots = headSlots;
    this.nextTail = 32 * headSlots;
    if (data.length < 32 * headSlots) {
      throw new AbiDecodingException(
          what,
          "length",
          0,
          "too short: " + data.length + " bytes, the head alone needs " + 32 * headSlots,
          null);
    }
  }

  /** The raw word of a head slot. */
  public Bytes32 bytes32(int slot, String field) {
    checkSlot(slot);
    return Bytes32.of(Arrays.copyOfRange(data, 32 * slot, 32 * slot + 32));
  }

  /** A {@code uint<bits>} head word: the bits above {@code bits} must be zero. */
  public BigInteger uint(int slot, String field, int bits) {
    checkSlot(slot);
    BigInteger value = new BigInteger(1, Arrays.copyOfRange(data, 32 * slot, 32 * slot + 32));
    if (value.bitLength() > bits) {
      throw new AbiDecodingException(
          what, field, 32 * slot, "value does not fit uint" + bits + ": " + value, data);
    }
    return value;
  }

  /** A {@code uint64} head word, limited to 63 bits so that it fits a Java {@code long}. */
  public long uint63(int slot, String field) {
    return uint(slot, field, 63).longValueExact();
  }

  /** A {@code uint8} head word. */
  public int uint8(int slot, String field) {
    return uint(slot, field, 8).intValueExact();
  }

  /** A dynamic {@code bytes} whose offset sits in the head slot. */
  public byte[] bytes(int slot, String field) {
    int start = tailStart(slot, field);
    int length = lengthAt(start, field);
    int padded = AbiWriter.padded(length);
    if (data.length - start - 32 < padded) {
      throw runsPastTheEnd(field, start, length);
    }
    for (int i = start + 32 + length; i < start + 32 + padded; i++) {
      if (data[i] != 0) {
        throw new AbiDecodingException(what, field, i, "non-zero padding byte", data);
      }
    }
    nextTail = start + 32 + padded;
    return Arrays.copyOfRange(data, start + 32, start + 32 + length);
  }

  /** A dynamic {@code bytes32[]} whose offset sits in the head slot. */
  public List<Bytes32> bytes32Array(int slot, String field) {
    int start = tailStart(slot, field);
    int length = lengthAt(start, field);
    if ((data.length - start - 32) / 32 < length) {
      throw runsPastTheEnd(field, start, length);
    }
    List<Bytes32> out = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      int at = start + 32 + 32 * i;
      out.add(Bytes32.of(Arrays.copyOfRange(data, at, at + 32)));
    }
    nextTail = start + 32 + 32 * length;
    return out;
  }

  /** Checks that nothing trails the last tail (or the head, when there are no dynamic items). */
  public void finish() {
    if (nextTail != data.length) {
      throw new AbiDecodingException(
          what,
          "length",
          nextTail,
          (data.length - nextTail) + " trailing bytes after the encoding (" + nextTail + " bytes)",
          data);
    }
  }

  private int tailStart(int slot, String field) {
    BigInteger offset = uint(slot, field + ".offset", 31);
    if (offset.intValueExact() != nextTail) {
      throw new AbiDecodingException(
          what,
          field + ".offset",
          32 * slot,
          "offset " + offset + " is not the canonical " + nextTail,
          data);
    }
    if (data.length - nextTail < 32) {
      throw new AbiDecodingException(
          what, field + ".length", nextTail, "missing length word", data);
    }
    return nextTail;
  }

  private AbiDecodingException runsPastTheEnd(String field, int start, int length) {
    return new AbiDecodingException(
        what,
        field,
        start,
        "length " + length + " runs past the end (" + data.length + " bytes)",
        data);
  }

  private int lengthAt(int start, String field) {
    BigInteger length = new BigInteger(1, Arrays.copyOfRange(data, start, start + 32));
    if (length.compareTo(BigInteger.valueOf(MAX_DYNAMIC_LENGTH)) > 0) {
      throw new AbiDecodingException(
          what, field + ".length", start, "length " + length + " is too large", data);
    }
    return length.intValueExact();
  }

  private void checkSlot(int slot) {
    if (slot < 0 || slot >= headSlots) {
      throw new IndexOutOfBoundsException("head slot " + slot + " of " + headSlots);
    }
  }
}
