package dev.hdp.core.abi;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code abi.encode(...)} of a tuple whose items are static words, {@code bytes} or {@code
 * bytes32[]}, in order. Not thread-safe; build, call {@link #toByteArray()} once, drop.
 */
public final class AbiWriter {
  private sealed interface Item {}

  private record Word(byte[] word) implements Item {}

  private record Dynamic(byte[] tail) implements Item {}

  private final List<Item> items = new ArrayList<>();

  /** A {@code uintN} word (N ≤ 256); the caller has checked the range of narrower types. */
  public AbiWriter uint(BigInteger value) {
    items.add(new Word(UInt256.of(value).toBytes32().toArray()));
    return this;
  }

  /** A {@code uintN} word from a non-negative long. */
  public AbiWriter uint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative uint: " + value);
    }
    return uint(BigInteger.valueOf(value));
  }

  /** A {@code bytes32} word. */
  public AbiWriter bytes32(Bytes32 value) {
    items.add(new Word(value.toArray()));
    return this;
  }

  /** A dynamic {@code bytes} value: offset in the head; length and zero-padded data in the tail. */
  public AbiWriter bytes(byte[] value) {
    int padded = padded(value.length);
    byte[] tail = new byte[32 + padded];
    lengthWord(value.length, tail);
    System.arraycopy(value, 0, tail, 32, value.length);
    items.add(new Dynamic(tail));
    return this;
  }

  /** A dynamic {@code bytes32[]} value. */
  public AbiWriter bytes32Array(List<Bytes32> values) {
    byte[] tail = new byte[32 + 32 * values.size()];
    lengthWord(values.size(), tail);
    for (int i = 0; i < values.size(); i++) {
      values.get(i).copyTo(tail, 32 + 32 * i);
    }
    items.add(new Dynamic(tail));
    return this;
  }

  /** The encoding: the head words (with offsets for dynamic items), then the tails in order. */
  public byte[] toByteArray() {
    int headSize = 32 * items.size();
    int size = headSize;
    for (Item item : items) {
      if (item instanceof Dynamic dynamic) {
        size += dynamic.tail().length;
      }
    }
    byte[] out = new byte[size];
    int tailAt = headSize;
    for (int i = 0; i < items.size(); i++) {
      switch (items.get(i)) {
        case Word word -> System.arraycopy(word.word(), 0, out, 32 * i, 32);
        case Dynamic dynamic -> {
          UInt256.of(tailAt).toBytes32().copyTo(out, 32 * i);
          System.arraycopy(dynamic.tail(), 0, out, tailAt, dynamic.tail().length);
          tailAt += dynamic.tail().length;
        }
      }
    }
    return out;
  }

  static int padded(int length) {
    return (length + 31) / 32 * 32;
  }

  private static void lengthWord(int length, byte[] tail) {
    UInt256.of(length).toBytes32().copyTo(tail, 0);
  }
}
