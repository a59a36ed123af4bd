package dev.hdp.cairo.vm;

import dev.hdp.cairo.crypto.Felt252;
import java.math.BigInteger;

/**
 * Arithmetic modulo p on canonical little-endian limbs, for the VM's hot path: addition and
 * subtraction allocate nothing, multiplication uses two Montgomery reductions on 64-bit limbs (this
 * prime's -p⁻¹ mod 2^64 is -1), division goes through {@link BigInteger}.
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
    // Two Montgomery reductions: redc(redc(a·b)·R²) = a·b with R = 2^256.
    long[] t = new long[9];
    product(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3, t);
    redc(t);
    long r0 = t[4];
    long r1 = t[5];
    long r2 = t[6];
    long r3 = t[7];
    java.util.Arrays.fill(t, 0);
    product(r0, r1, r2, r3, R2[0], R2[1], R2[2], R2[3], t);
    redc(t);
    out.setInt(t[4], t[5], t[6], t[7]);
  }

  /** R² mod p, little-endian limbs, to leave the Montgomery domain. */
  private static final long[] R2 = limbs(BigInteger.ONE.shiftLeft(512).mod(Felt252.PRIME));

  private static long[] limbs(BigInteger v) {
    return new long[] {
      v.longValue(),
      v.shiftRight(64).longValue(),
      v.shiftRight(128).longValue(),
      v.shiftRight(192).longValue()
    };
  }

  /** t[0..7] = a·b (schoolbook, 64-bit limbs). */
  private static void product(
      long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3, long[] t) {
    long[] a = {a0, a1, a2, a3};
    long[] b = {b0, b1, b2, b3};
    for (int i = 0; i < 4; i++) {
      long carry = 0;
      for (int j = 0; j < 4; j++) {
        long lo = a[i] * b[j];
        long hi = Math.unsignedMultiplyHigh(a[i], b[j]);
        long s = t[i + j] + lo;
        long c1 = Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        long s2 = s + carry;
        long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
        t[i + j] = s2;
        carry = hi + c1 + c2;
      }
      t[i + 4] = carry;
    }
  }

  /** Adds v at limb k of t, propagating the carry. */
  private static void addAt(long[] t, int k, long v) {
    long s = t[k] + v;
    long carry = Long.compareUnsigned(s, v) < 0 ? 1 : 0;
    t[k] = s;
    for (int i = k + 1; carry != 0 && i < t.length; i++) {
      t[i] += 1;
      carry = t[i] == 0 ? 1 : 0;
    }
  }

  /**
   * Montgomery reduction of t (below p·2^256) in place: t[4..7] = t·2^-256 mod p, canonical. For
   * this prime -p⁻¹ mod 2^64 is -1 and p = 1 + P3·2^192, so each round adds m = -t[i] at limb i
   * (clearing it) and m·P3 at limb i + 3.
   */
  private static void redc(long[] t) {
    for (int i = 0; i < 4; i++) {
      long m = -t[i];
      if (m == 0) {
        continue;
      }
      addAt(t, i, m);
      addAt(t, i + 3, m * P3);
      addAt(t, i + 4, Math.unsignedMultiplyHigh(m, P3));
    }
    // The result t[4..8] is below 2p; subtract p once if needed.
    long s0 = t[4];
    long s1 = t[5];
    long s2 = t[6];
    long s3 = t[7];
    boolean geP = t[8] != 0 || s3 > P3 || (s3 == P3 && (s0 | s1 | s2) != 0) || s3 < 0;
    if (geP) {
      long r0 = s0 - 1;
      long b = s0 == 0 ? 1 : 0;
      long r1 = s1 - b;
      b = (b == 1 && s1 == 0) ? 1 : 0;
      long r2 = s2 - b;
      b = (b == 1 && s2 == 0) ? 1 : 0;
      t[4] = r0;
      t[5] = r1;
      t[6] = r2;
      t[7] = s3 - P3 - b;
    }
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
