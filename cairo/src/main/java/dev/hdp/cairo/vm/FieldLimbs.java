package dev.hdp.cairo.vm;

import dev.hdp.cairo.crypto.Felt252;
import java.math.BigInteger;

/**
 * Arithmetic modulo p on canonical little-endian limbs, for the VM's hot path: addition and
 * subtraction here allocate nothing; multiplication and division go through {@link Felt252}.
 */
public final class FieldLimbs {
  static final BigInteger PRIME = Felt252.PRIME;
  static final long P3 = 0x0800000000000011L;
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private FieldLimbs() {}

  /** out = a + b mod p; a and b are ints. */
  public static void add(Word a, Word b, Word out) {
    long s0 = a.l0 + b.l0;
    long c = Long.compareUnsigned(s0, a.l0) < 0 ? 1 : 0;
    long t1 = a.l1 + b.l1;
    long c1 = Long.compareUnsigned(t1, a.l1) < 0 ? 1 : 0;
    long s1 = t1 + c;
    c1 |= (Long.compareUnsigned(s1, t1) < 0 ? 1 : 0);
    long t2 = a.l2 + b.l2;
    long c2 = Long.compareUnsigned(t2, a.l2) < 0 ? 1 : 0;
    long s2 = t2 + c1;
    c2 |= (Long.compareUnsigned(s2, t2) < 0 ? 1 : 0);
    long s3 = a.l3 + b.l3 + c2; // both below 2^60, no overflow
    reduceOnce(s0, s1, s2, s3, out);
  }

  /** out = a - b mod p; a and b are ints. */
  public static void sub(Word a, Word b, Word out) {
    long d0 = a.l0 - b.l0;
    long br = Long.compareUnsigned(a.l0, b.l0) < 0 ? 1 : 0;
    long t1 = a.l1 - b.l1;
    long br1 = Long.compareUnsigned(a.l1, b.l1) < 0 ? 1 : 0;
    long d1 = t1 - br;
    br1 |= (Long.compareUnsigned(t1, br) < 0 ? 1 : 0);
    long t2 = a.l2 - b.l2;
    long br2 = Long.compareUnsigned(a.l2, b.l2) < 0 ? 1 : 0;
    long d2 = t2 - br1;
    br2 |= (Long.compareUnsigned(t2, br1) < 0 ? 1 : 0);
    long d3 = a.l3 - b.l3 - br2;
    if (d3 < 0) {
      // add p = (1, 0, 0, P3)
      long e0 = d0 + 1;
      long c = e0 == 0 ? 1 : 0;
      long e1 = d1 + c;
      c = (c == 1 && e1 == 0) ? 1 : 0;
      long e2 = d2 + c;
      c = (c == 1 && e2 == 0) ? 1 : 0;
      long e3 = d3 + P3 + c;
      out.setInt(e0, e1, e2, e3);
    } else {
      out.setInt(d0, d1, d2, d3);
    }
  }

  private static void reduceOnce(long s0, long s1, long s2, long s3, Word out) {
    if (s3 > P3 || (s3 == P3 && (s0 | s1 | s2) != 0)) {
      // subtract p = (1, 0, 0, P3)
      long r0 = s0 - 1;
      long b = s0 == 0 ? 1 : 0;
      long r1 = s1 - b;
      b = (b == 1 && s1 == 0) ? 1 : 0;
      long r2 = s2 - b;
      b = (b == 1 && s2 == 0) ? 1 : 0;
      out.setInt(r0, r1, r2, s3 - P3 - b);
    } else {
      out.setInt(s0, s1, s2, s3);
    }
  }

  /** out = a * b mod p. */
  public static void mul(Word a, Word b, Word out) {
    if ((a.l1 | a.l2 | a.l3 | b.l1 | b.l2 | b.l3) == 0 && a.l0 >= 0 && b.l0 >= 0) {
      long hi = Math.multiplyHigh(a.l0, b.l0);
      long lo = a.l0 * b.l0;
      out.setInt(lo, hi, 0, 0);
      return;
    }
    out.set(toBigInteger(a.l0, a.l1, a.l2, a.l3).multiply(b.toBigInteger()).mod(PRIME));
  }

  /** out = a / b mod p; b must be non-zero. */
  public static void div(Word a, Word b, Word out) {
    out.set(a.toBigInteger().multiply(b.toBigInteger().modInverse(PRIME)).mod(PRIME));
  }

  /**
   * The value as a signed long when it is within 2^62 of zero (v below 2^62, or p - v at most
   * 2^62); {@code Long.MIN_VALUE} otherwise.
   */
  public static long toSignedSmall(Word w) {
    if ((w.l1 | w.l2 | w.l3) == 0 && w.l0 >= 0 && w.l0 < (1L << 62)) {
      return w.l0;
    }
    if (w.l3 == P3 && (w.l2 | w.l1 | w.l0) == 0) {
      return -1; // p - 1
    }
    // p - k for 2 <= k: limbs (-(k - 1), -1, -1, P3 - 1), so the value is l0 - 1.
    if (w.l3 == P3 - 1 && w.l2 == -1L && w.l1 == -1L && w.l0 <= -1 && w.l0 >= 1 - (1L << 62)) {
      return w.l0 - 1;
    }
    return Long.MIN_VALUE;
  }

  /** Sets {@code out} to the felt congruent to the signed {@code v}. */
  public static void setSigned(long v, Word out) {
    if (v >= 0) {
      out.setInt(v, 0, 0, 0);
    } else if (v == -1) {
      out.setInt(0, 0, 0, P3);
    } else {
      out.setInt(v + 1, -1L, -1L, P3 - 1);
    }
  }

  static BigInteger toBigInteger(long l0, long l1, long l2, long l3) {
    if ((l1 | l2 | l3) == 0 && l0 >= 0) {
      return BigInteger.valueOf(l0);
    }
    BigInteger r = unsigned(l3);
    r = r.shiftLeft(64).or(unsigned(l2));
    r = r.shiftLeft(64).or(unsigned(l1));
    return r.shiftLeft(64).or(unsigned(l0));
  }

  private static BigInteger unsigned(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v < 0 ? b.add(TWO_64) : b;
  }
}
