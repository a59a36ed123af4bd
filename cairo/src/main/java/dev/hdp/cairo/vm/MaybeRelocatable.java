package dev.hdp.cairo.vm;

import dev.hdp.cairo.crypto.Felt252;
import java.math.BigInteger;

/** A memory value: a field element or an address. */
public sealed interface MaybeRelocatable permits Relocatable, MaybeRelocatable.Int {

  /** A field element held in memory. */
  record Int(Felt252 value) implements MaybeRelocatable {
    @Override
    public String toString() {
      return value.toBigInteger().toString();
    }
  }

  /** A felt value. */
  static MaybeRelocatable of(Felt252 value) {
    return new Int(value);
  }

  /** The felt congruent to {@code value}. */
  static MaybeRelocatable of(BigInteger value) {
    return new Int(Felt252.reduce(value));
  }

  /** The felt congruent to {@code value} (negative values wrap modulo p). */
  static MaybeRelocatable of(long value) {
    return new Int(Felt252.of(value));
  }
}
