package dev.hdp.cairo.vm;

import dev.hdp.cairo.crypto.Felt252;
import java.math.BigInteger;

/**
 * A mutable, reusable memory value for the hot path: kind plus four little-endian 64-bit limbs of
 * the canonical value, or, for an address, the offset in {@code l0} and the segment in {@code l1}.
 */
public final class Word {
  public static final byte NONE = 0;
  public static final byte INT = 1;
  public static final byte RELOC = 2;

  public byte kind;
  public long l0;
  public long l1;
  public long l2;
  public long l3;

  public Word setInt(long v0, long v1, long v2, long v3) {
    kind = INT;
    l0 = v0;
    l1 = v1;
    l2 = v2;
    l3 = v3;
    return this;
  }

  /** A non-negative small integer. */
  public Word setSmall(long v) {
    return setInt(v, 0, 0, 0);
  }

  public Word setReloc(int segment, long offset) {
    kind = RELOC;
    l0 = offset;
    l1 = segment;
    l2 = 0;
    l3 = 0;
    return this;
  }

  public Word set(Word o) {
    kind = o.kind;
    l0 = o.l0;
    l1 = o.l1;
    l2 = o.l2;
    l3 = o.l3;
    return this;
  }

  public Word set(MaybeRelocatable value) {
    switch (value) {
      case Relocatable r -> setReloc(r.segment(), r.offset());
      case MaybeRelocatable.Int i -> {
        long[] c = i.value().canonicalLimbs();
        setInt(c[0], c[1], c[2], c[3]);
      }
    }
    return this;
  }

  public Word set(BigInteger value) {
    BigInteger v =
        value.signum() < 0 || value.compareTo(FieldLimbs.PRIME) >= 0
            ? value.mod(FieldLimbs.PRIME)
            : value;
    return setInt(
        v.longValue(),
        v.shiftRight(64).longValue(),
        v.shiftRight(128).longValue(),
        v.shiftRight(192).longValue());
  }

  public boolean isInt() {
    return kind == INT;
  }

  public boolean isReloc() {
    return kind == RELOC;
  }

  public int segment() {
    return (int) l1;
  }

  public boolean isZeroInt() {
    return kind == INT && (l0 | l1 | l2 | l3) == 0;
  }

  public boolean sameAs(Word o) {
    return kind == o.kind && l0 == o.l0 && l1 == o.l1 && l2 == o.l2 && l3 == o.l3;
  }

  public BigInteger toBigInteger() {
    return FieldLimbs.toBigInteger(l0, l1, l2, l3);
  }

  public MaybeRelocatable toValue() {
    return switch (kind) {
      case INT -> new MaybeRelocatable.Int(toFelt());
      case RELOC -> new Relocatable((int) l1, l0);
      default -> null;
    };
  }

  public Felt252 toFelt() {
    if (kind != INT) {
      throw new VmException("expected a felt, found " + this);
    }
    if ((l1 | l2 | l3) == 0 && l0 >= 0) {
      return Felt252.of(l0);
    }
    return Felt252.of(toBigInteger());
  }

  @Override
  public String toString() {
    return switch (kind) {
      case INT -> toBigInteger().toString();
      case RELOC -> l1 + ":" + l0;
      default -> "<none>";
    };
  }
}
