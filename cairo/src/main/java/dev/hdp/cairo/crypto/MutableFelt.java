package dev.hdp.cairo.crypto;

/**
 * A mutable STARK field element for allocation-free inner loops (Poseidon rounds, curve point
 * additions). Same representation as {@link Felt252}: four little-endian limbs in Montgomery form,
 * always fully reduced. Every operation writes its result into {@code this} and may alias its
 * operands ({@code x.mul(x, x)} squares x).
 *
 * <p>Multiplication is the same CIOS Montgomery product as {@link Felt252}'s (kept as a copy so
 * that neither needs a temporary object). Carries are {@code Long.compareUnsigned} results, which
 * measured faster than sign-flip comparisons or full-adder bit formulas on JDK 25. The final
 * subtraction of p after an addition is branch-free in the usual case; the cases where a limb of
 * the sum equals a limb of p or is zero (probability about 2^-59) take a slower, complete path.
 */
final class MutableFelt {

  private static final long P3 = 0x0800000000000011L;

  long l0;
  long l1;
  long l2;
  long l3;

  MutableFelt() {}

  MutableFelt(Felt252 f) {
    set(f);
  }

  MutableFelt set(Felt252 f) {
    l0 = f.l0;
    l1 = f.l1;
    l2 = f.l2;
    l3 = f.l3;
    return this;
  }

  MutableFelt set(MutableFelt f) {
    l0 = f.l0;
    l1 = f.l1;
    l2 = f.l2;
    l3 = f.l3;
    return this;
  }

  /** Loads four limbs from {@code a[off..off+3]}. */
  MutableFelt load(long[] a, int off) {
    l0 = a[off];
    l1 = a[off + 1];
    l2 = a[off + 2];
    l3 = a[off + 3];
    return this;
  }

  /** Stores the four limbs into {@code a[off..off+3]}. */
  void store(long[] a, int off) {
    a[off] = l0;
    a[off + 1] = l1;
    a[off + 2] = l2;
    a[off + 3] = l3;
  }

  Felt252 toFelt() {
    return Felt252.fromMontgomeryLimbs(l0, l1, l2, l3);
  }

  boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  boolean sameValue(MutableFelt o) {
    return l0 == o.l0 && l1 == o.l1 && l2 == o.l2 && l3 == o.l3;
  }

  private static long carry(long a, long b, long s) {
    return ((a & b) | ((a | b) & ~s)) >>> 63;
  }

  private static long borrow(long a, long b, long d) {
    return ((~a & b) | ((~a | b) & d)) >>> 63;
  }

  /** this = a + b. */
  MutableFelt add(MutableFelt a, MutableFelt b) {
    return add(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3);
  }

  /** this = a + b. */
  MutableFelt add(Felt252 a, Felt252 b) {
    return add(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3);
  }

  private MutableFelt add(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3) {
    long s0 = a0 + b0;
    long c = ult(s0, a0);
    long t1 = a1 + b1;
    long c1 = ult(t1, a1);
    long s1 = t1 + c;
    c = c1 | ult(s1, t1);
    long t2 = a2 + b2;
    long c2 = ult(t2, a2);
    long s2 = t2 + c;
    c = c2 | ult(s2, t2);
    long s3 = a3 + b3 + c; // below 2^253, no carry out
    return reduceOnce(s0, s1, s2, s3);
  }

  /** this = 2·a. */
  MutableFelt twice(MutableFelt a) {
    return twice(a.l0, a.l1, a.l2, a.l3);
  }

  /** this = 2·a. */
  MutableFelt twice(Felt252 a) {
    return twice(a.l0, a.l1, a.l2, a.l3);
  }

  private MutableFelt twice(long a0, long a1, long a2, long a3) {
    return reduceOnce(
        a0 << 1, (a1 << 1) | (a0 >>> 63), (a2 << 1) | (a1 >>> 63), (a3 << 1) | (a2 >>> 63));
  }

  /** this = a - b. */
  MutableFelt sub(MutableFelt a, MutableFelt b) {
    return sub(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3);
  }

  /** this = a - b. */
  MutableFelt sub(Felt252 a, Felt252 b) {
    return sub(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3);
  }

  private MutableFelt sub(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3) {
    long d0 = a0 - b0;
    long w = ult(a0, b0);
    long x1 = a1 - b1;
    long w1 = ult(a1, b1);
    long d1 = x1 - w;
    w = w1 | ult(x1, w);
    long x2 = a2 - b2;
    long w2 = ult(a2, b2);
    long d2 = x2 - w;
    w = w2 | ult(x2, w);
    long x3 = a3 - b3;
    long w3 = ult(a3, b3);
    long d3 = x3 - w;
    w = w3 | ult(x3, w);
    // On a borrow add p = (1, 0, 0, P3); the +1 carries past limb 0 only if d0 is all ones.
    if (w != 0 && d0 == -1L) {
      long e1 = d1 + 1;
      long c = carry(d1, 1, e1);
      long e2 = d2 + c;
      c = carry(d2, 0, e2);
      l0 = 0;
      l1 = e1;
      l2 = e2;
      l3 = d3 + P3 + c;
      return this;
    }
    l0 = d0 + w;
    l1 = d1;
    l2 = d2;
    l3 = d3 + (P3 & -w);
    return this;
  }

  /** this = -a. */
  MutableFelt neg(MutableFelt a) {
    return neg(a.l0, a.l1, a.l2, a.l3);
  }

  /** this = -a. */
  MutableFelt neg(Felt252 a) {
    return neg(a.l0, a.l1, a.l2, a.l3);
  }

  private MutableFelt neg(long a0, long a1, long a2, long a3) {
    if ((a0 | a1 | a2 | a3) == 0) {
      l0 = 0;
      l1 = 0;
      l2 = 0;
      l3 = 0;
      return this;
    }
    long d0 = 1 - a0;
    long w = borrow(1, a0, d0);
    long d1 = -a1 - w;
    w = borrow(0, a1, d1);
    long d2 = -a2 - w;
    w = borrow(0, a2, d2);
    l0 = d0;
    l1 = d1;
    l2 = d2;
    l3 = P3 - a3 - w;
    return this;
  }

  /**
   * Stores {@code s} (below 2p) minus p if it is at least p. With {@code p = (1, 0, 0, P3)}, {@code
   * s >= p} is decided by limb 3 except when it equals P3 (a 2^-59 chance for random values), and
   * the subtraction touches only limbs 0 and 3 except when limb 0 is zero (2^-64): both rare cases
   * take a slow path, so the usual case is a few branch-free instructions.
   */
  private MutableFelt reduceOnce(long s0, long s1, long s2, long s3) {
    long ge = (P3 - s3) >>> 63; // s3 > P3 (s3 < 2^62, no overflow)
    if (s3 == P3 || s0 == 0) {
      return reduceOnceSlow(s0, s1, s2, s3);
    }
    l0 = s0 - ge;
    l1 = s1;
    l2 = s2;
    l3 = s3 - (P3 & -ge);
    return this;
  }

  /** {@link #reduceOnce} for every case, with the borrows computed in full. */
  private MutableFelt reduceOnceSlow(long s0, long s1, long s2, long s3) {
    long low = s0 | s1 | s2;
    long lowNonZero = (low | -low) >>> 63;
    long eq3 = ((s3 ^ P3) | -(s3 ^ P3)) >>> 63 ^ 1; // s3 == P3
    long ge = (P3 < s3 ? 1 : 0) | (eq3 & lowNonZero); // s >= p
    long mask = -ge;
    long z0 = ((s0 | -s0) >>> 63) ^ 1; // s0 == 0
    long z1 = ((s1 | -s1) >>> 63) ^ 1;
    long z2 = ((s2 | -s2) >>> 63) ^ 1;
    l0 = s0 - (mask & 1);
    l1 = s1 - (mask & z0);
    l2 = s2 - (mask & z0 & z1);
    l3 = s3 - (mask & P3) - (mask & z0 & z1 & z2);
    return this;
  }

  /**
   * Like {@link #reduceOnce} for a Montgomery product, which is below p except in a few percent of
   * cases (its excess over p is at most about p/32): a predictable branch lets the CPU run ahead.
   */
  private MutableFelt reduceProduct(long s0, long s1, long s2, long s3) {
    if (s3 < P3 || (s3 == P3 && (s0 | s1 | s2) == 0)) {
      l0 = s0;
      l1 = s1;
      l2 = s2;
      l3 = s3;
      return this;
    }
    return reduceOnce(s0, s1, s2, s3);
  }

  /** this = a·b. */
  MutableFelt mul(MutableFelt a, MutableFelt b) {
    return mul(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3);
  }

  /** this = a·a (a dedicated squaring was measured slower than the CIOS product here). */
  MutableFelt square(MutableFelt a) {
    long a0 = a.l0;
    long a1 = a.l1;
    long a2 = a.l2;
    long a3 = a.l3;
    return mul(a0, a1, a2, a3, a0, a1, a2, a3);
  }

  /** Montgomery product, CIOS as in {@link Felt252} (see there); writes the result here. */
  MutableFelt mul(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3) {
    long t0 = 0;
    long t1 = 0;
    long t2 = 0;
    long t3 = 0;
    long t4;
    long lo;
    long hi;
    long c;
    long m;

    // ---- row 0 (t is zero) ----
    t0 = a0 * b0;
    c = Math.unsignedMultiplyHigh(a0, b0);
    lo = a1 * b0 + c;
    c = Math.unsignedMultiplyHigh(a1, b0) + ult(lo, c);
    t1 = lo;
    lo = a2 * b0 + c;
    c = Math.unsignedMultiplyHigh(a2, b0) + ult(lo, c);
    t2 = lo;
    lo = a3 * b0 + c;
    c = Math.unsignedMultiplyHigh(a3, b0) + ult(lo, c);
    t3 = lo;
    t4 = c;
    // reduce
    m = -t0;
    if (t0 != 0) {
      t1++;
      if (t1 == 0) {
        t2++;
        if (t2 == 0) {
          t3++;
          if (t3 == 0) {
            t4++;
          }
        }
      }
    }
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    t3 = lo;
    t4 += hi;
    t0 = t1;
    t1 = t2;
    t2 = t3;
    t3 = t4;

    // ---- row 1 ----
    lo = a0 * b1;
    hi = Math.unsignedMultiplyHigh(a0, b1);
    lo += t0;
    hi += ult(lo, t0);
    t0 = lo;
    c = hi;
    lo = a1 * b1;
    hi = Math.unsignedMultiplyHigh(a1, b1);
    lo += t1;
    hi += ult(lo, t1);
    lo += c;
    hi += ult(lo, c);
    t1 = lo;
    c = hi;
    lo = a2 * b1;
    hi = Math.unsignedMultiplyHigh(a2, b1);
    lo += t2;
    hi += ult(lo, t2);
    lo += c;
    hi += ult(lo, c);
    t2 = lo;
    c = hi;
    lo = a3 * b1;
    hi = Math.unsignedMultiplyHigh(a3, b1);
    lo += t3;
    hi += ult(lo, t3);
    lo += c;
    hi += ult(lo, c);
    t3 = lo;
    t4 = hi;
    m = -t0;
    if (t0 != 0) {
      t1++;
      if (t1 == 0) {
        t2++;
        if (t2 == 0) {
          t3++;
          if (t3 == 0) {
            t4++;
          }
        }
      }
    }
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    t3 = lo;
    t4 += hi;
    t0 = t1;
    t1 = t2;
    t2 = t3;
    t3 = t4;

    // ---- row 2 ----
    lo = a0 * b2;
    hi = Math.unsignedMultiplyHigh(a0, b2);
    lo += t0;
    hi += ult(lo, t0);
    t0 = lo;
    c = hi;
    lo = a1 * b2;
    hi = Math.unsignedMultiplyHigh(a1, b2);
    lo += t1;
    hi += ult(lo, t1);
    lo += c;
    hi += ult(lo, c);
    t1 = lo;
    c = hi;
    lo = a2 * b2;
    hi = Math.unsignedMultiplyHigh(a2, b2);
    lo += t2;
    hi += ult(lo, t2);
    lo += c;
    hi += ult(lo, c);
    t2 = lo;
    c = hi;
    lo = a3 * b2;
    hi = Math.unsignedMultiplyHigh(a3, b2);
    lo += t3;
    hi += ult(lo, t3);
    lo += c;
    hi += ult(lo, c);
    t3 = lo;
    t4 = hi;
    m = -t0;
    if (t0 != 0) {
      t1++;
      if (t1 == 0) {
        t2++;
        if (t2 == 0) {
          t3++;
          if (t3 == 0) {
            t4++;
          }
        }
      }
    }
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    t3 = lo;
    t4 += hi;
    t0 = t1;
    t1 = t2;
    t2 = t3;
    t3 = t4;

    // ---- row 3 ----
    lo = a0 * b3;
    hi = Math.unsignedMultiplyHigh(a0, b3);
    lo += t0;
    hi += ult(lo, t0);
    t0 = lo;
    c = hi;
    lo = a1 * b3;
    hi = Math.unsignedMultiplyHigh(a1, b3);
    lo += t1;
    hi += ult(lo, t1);
    lo += c;
    hi += ult(lo, c);
    t1 = lo;
    c = hi;
    lo = a2 * b3;
    hi = Math.unsignedMultiplyHigh(a2, b3);
    lo += t2;
    hi += ult(lo, t2);
    lo += c;
    hi += ult(lo, c);
    t2 = lo;
    c = hi;
    lo = a3 * b3;
    hi = Math.unsignedMultiplyHigh(a3, b3);
    lo += t3;
    hi += ult(lo, t3);
    lo += c;
    hi += ult(lo, c);
    t3 = lo;
    t4 = hi;
    m = -t0;
    if (t0 != 0) {
      t1++;
      if (t1 == 0) {
        t2++;
        if (t2 == 0) {
          t3++;
          if (t3 == 0) {
            t4++;
          }
        }
      }
    }
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    t3 = lo;
    t4 += hi;

    return reduceProduct(t1, t2, t3, t4);
  }

  private static long ult(long a, long b) {
    return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
  }

  /**
   * this = a^-1 by Fermat, {@code a^(p-2)} with {@code p-2 = 2^251 + 2^196 + (2^192 - 1)}: the top
   * part by 55 + 4 squarings around one multiplication, the low 192 one-bits as 24 windows of
   * {@code a^(2^8-1)}. The caller must ensure a is not zero (the result would be zero).
   */
  MutableFelt inverse(MutableFelt a) {
    MutableFelt x = new MutableFelt().set(a);
    MutableFelt w = new MutableFelt().square(x);
    w.mul(w, x); // x^(2^2-1)
    MutableFelt t = new MutableFelt().square(w);
    t.square(t).mul(t, w); // x^(2^4-1)
    w.set(t);
    for (int i = 0; i < 4; i++) {
      t.square(t);
    }
    MutableFelt x8 = t.mul(t, w); // x^(2^8-1)
    MutableFelt r = new MutableFelt().set(x);
    for (int i = 0; i < 55; i++) {
      r.square(r);
    }
    r.mul(r, x);
    for (int i = 0; i < 4; i++) {
      r.square(r);
    }
    for (int window = 0; window < 24; window++) {
      for (int i = 0; i < 8; i++) {
        r.square(r);
      }
      r.mul(r, x8);
    }
    return set(r);
  }
}
