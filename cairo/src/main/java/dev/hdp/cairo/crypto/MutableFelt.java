package dev.hdp.cairo.crypto;

/**
 * A mutable STARK field element for allocation-free inner loops (Poseidon rounds, curve point
 * additions). Same representation as {@link Felt252}: four little-endian limbs in Montgomery form,
 * always fully reduced. Every operation writes its result into {@code this} and may alias its
 * operands ({@code x.mul(x, x)} squares x).
 *
 * <p>Multiplication is separated operand scanning: a schoolbook (or, for squares, symmetric)
 * 512-bit product, then four Montgomery reduction steps that each add {@code m·p} with {@code m =
 * -t_i}, which for {@code p = 1 + P3·2^192} touches only limb {@code i} and limbs {@code i+3, i+4}.
 * Carries use the branch-free full-adder identity {@code ((a & b) | ((a | b) & ~s)) >>> 63}.
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
    long a0 = a.l0;
    long a1 = a.l1;
    long a2 = a.l2;
    long a3 = a.l3;
    long b0 = b.l0;
    long b1 = b.l1;
    long b2 = b.l2;
    long b3 = b.l3;
    long s0 = a0 + b0;
    long c = carry(a0, b0, s0);
    long s1 = a1 + b1 + c;
    c = carry(a1, b1, s1);
    long s2 = a2 + b2 + c;
    c = carry(a2, b2, s2);
    long s3 = a3 + b3 + c; // below 2^253, no carry out
    return reduceOnce(s0, s1, s2, s3);
  }

  /** this = 2·a. */
  MutableFelt twice(MutableFelt a) {
    long a0 = a.l0;
    long a1 = a.l1;
    long a2 = a.l2;
    long a3 = a.l3;
    return reduceOnce(
        a0 << 1, (a1 << 1) | (a0 >>> 63), (a2 << 1) | (a1 >>> 63), (a3 << 1) | (a2 >>> 63));
  }

  /** this = a - b. */
  MutableFelt sub(MutableFelt a, MutableFelt b) {
    long a0 = a.l0;
    long a1 = a.l1;
    long a2 = a.l2;
    long a3 = a.l3;
    long b0 = b.l0;
    long b1 = b.l1;
    long b2 = b.l2;
    long b3 = b.l3;
    long d0 = a0 - b0;
    long w = borrow(a0, b0, d0);
    long d1 = a1 - b1 - w;
    w = borrow(a1, b1, d1);
    long d2 = a2 - b2 - w;
    w = borrow(a2, b2, d2);
    long d3 = a3 - b3 - w;
    w = borrow(a3, b3, d3);
    // add p = (1, 0, 0, P3) masked by the final borrow
    long mask = -w;
    long e0 = d0 + (mask & 1);
    long c = carry(d0, mask & 1, e0);
    long e1 = d1 + c;
    c = carry(d1, 0, e1);
    long e2 = d2 + c;
    c = carry(d2, 0, e2);
    l0 = e0;
    l1 = e1;
    l2 = e2;
    l3 = d3 + (mask & P3) + c;
    return this;
  }

  /** this = -a. */
  MutableFelt neg(MutableFelt a) {
    long a0 = a.l0;
    long a1 = a.l1;
    long a2 = a.l2;
    long a3 = a.l3;
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

  private MutableFelt reduceOnce(long s0, long s1, long s2, long s3) {
    // s - p, keep it if no borrow
    long d0 = s0 - 1;
    long w = borrow(s0, 1, d0);
    long d1 = s1 - w;
    w = borrow(s1, 0, d1);
    long d2 = s2 - w;
    w = borrow(s2, 0, d2);
    long d3 = s3 - P3 - w;
    w = borrow(s3, P3, d3);
    long keep = -w; // all ones when s < p
    l0 = d0 ^ ((d0 ^ s0) & keep);
    l1 = d1 ^ ((d1 ^ s1) & keep);
    l2 = d2 ^ ((d2 ^ s2) & keep);
    l3 = d3 ^ ((d3 ^ s3) & keep);
    return this;
  }

  /** this = a·b. */
  MutableFelt mul(MutableFelt a, MutableFelt b) {
    return mul(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3);
  }

  /** this = a·a. */
  MutableFelt square(MutableFelt a) {
    return square(a.l0, a.l1, a.l2, a.l3);
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
    c = t0 != 0 ? 1 : 0;
    t1 += c;
    c = ult(t1, c);
    t2 += c;
    c = ult(t2, c);
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    lo += c;
    hi += ult(lo, c);
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
    c = t0 != 0 ? 1 : 0;
    t1 += c;
    c = ult(t1, c);
    t2 += c;
    c = ult(t2, c);
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    lo += c;
    hi += ult(lo, c);
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
    c = t0 != 0 ? 1 : 0;
    t1 += c;
    c = ult(t1, c);
    t2 += c;
    c = ult(t2, c);
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    lo += c;
    hi += ult(lo, c);
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
    c = t0 != 0 ? 1 : 0;
    t1 += c;
    c = ult(t1, c);
    t2 += c;
    c = ult(t2, c);
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += ult(lo, t3);
    lo += c;
    hi += ult(lo, c);
    t3 = lo;
    t4 += hi;

    return reduceOnce(t1, t2, t3, t4);
  }

  private static long ult(long a, long b) {
    return (a ^ Long.MIN_VALUE) < (b ^ Long.MIN_VALUE) ? 1 : 0;
  }

  MutableFelt square(long a0, long a1, long a2, long a3) {
    long lo;
    long hi;
    long s;
    long c;
    // cross products a_i·a_j, i < j, into t1..t6
    long t1 = a0 * a1;
    c = Math.unsignedMultiplyHigh(a0, a1);
    lo = a0 * a2;
    s = lo + c;
    c = Math.unsignedMultiplyHigh(a0, a2) + carry(lo, c, s);
    long t2 = s;
    lo = a0 * a3;
    s = lo + c;
    c = Math.unsignedMultiplyHigh(a0, a3) + carry(lo, c, s);
    long t3 = s;
    long t4 = c;
    lo = a1 * a2;
    hi = Math.unsignedMultiplyHigh(a1, a2);
    s = t3 + lo;
    hi += carry(t3, lo, s);
    t3 = s;
    c = hi;
    lo = a1 * a3;
    hi = Math.unsignedMultiplyHigh(a1, a3);
    s = t4 + lo;
    hi += carry(t4, lo, s);
    lo = s + c;
    hi += carry(s, c, lo);
    t4 = lo;
    long t5 = hi;
    lo = a2 * a3;
    hi = Math.unsignedMultiplyHigh(a2, a3);
    s = t5 + lo;
    hi += carry(t5, lo, s);
    t5 = s;
    long t6 = hi;
    // double
    long t7 = t6 >>> 63;
    t6 = (t6 << 1) | (t5 >>> 63);
    t5 = (t5 << 1) | (t4 >>> 63);
    t4 = (t4 << 1) | (t3 >>> 63);
    t3 = (t3 << 1) | (t2 >>> 63);
    t2 = (t2 << 1) | (t1 >>> 63);
    t1 = t1 << 1;
    // add the squares a_i² at limb 2i
    long t0 = a0 * a0;
    hi = Math.unsignedMultiplyHigh(a0, a0);
    s = t1 + hi;
    c = carry(t1, hi, s);
    t1 = s;
    lo = a1 * a1;
    s = t2 + lo + c;
    c = carry(t2, lo, s);
    t2 = s;
    hi = Math.unsignedMultiplyHigh(a1, a1);
    s = t3 + hi + c;
    c = carry(t3, hi, s);
    t3 = s;
    lo = a2 * a2;
    s = t4 + lo + c;
    c = carry(t4, lo, s);
    t4 = s;
    hi = Math.unsignedMultiplyHigh(a2, a2);
    s = t5 + hi + c;
    c = carry(t5, hi, s);
    t5 = s;
    lo = a3 * a3;
    s = t6 + lo + c;
    c = carry(t6, lo, s);
    t6 = s;
    hi = Math.unsignedMultiplyHigh(a3, a3);
    t7 = t7 + hi + c;
    return reduce(t0, t1, t2, t3, t4, t5, t6, t7);
  }

  /**
   * Montgomery reduction of the 512-bit {@code t} (below p·2^256): this = t·2^-256 mod p. Each step
   * adds {@code m·p} with {@code m = -t_i mod 2^64}, clearing limb i: that adds m at limb i (carry
   * out exactly when {@code t_i != 0}) and {@code m·P3} at limbs i+3, i+4.
   */
  private MutableFelt reduce(
      long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7) {
    long m;
    long lo;
    long hi;
    long s;
    long c;
    // step 0
    m = -t0;
    c = (t0 | m) >>> 63; // 1 iff t0 != 0
    s = t1 + c;
    c = carry(t1, 0, s);
    t1 = s;
    s = t2 + c;
    c = carry(t2, 0, s);
    t2 = s;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = t3 + lo + c;
    c = carry(t3, lo, s);
    t3 = s;
    s = t4 + hi + c;
    c = carry(t4, hi, s);
    t4 = s;
    s = t5 + c;
    c = carry(t5, 0, s);
    t5 = s;
    s = t6 + c;
    c = carry(t6, 0, s);
    t6 = s;
    t7 += c;
    // step 1
    m = -t1;
    c = (t1 | m) >>> 63;
    s = t2 + c;
    c = carry(t2, 0, s);
    t2 = s;
    s = t3 + c;
    c = carry(t3, 0, s);
    t3 = s;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = t4 + lo + c;
    c = carry(t4, lo, s);
    t4 = s;
    s = t5 + hi + c;
    c = carry(t5, hi, s);
    t5 = s;
    s = t6 + c;
    c = carry(t6, 0, s);
    t6 = s;
    t7 += c;
    // step 2
    m = -t2;
    c = (t2 | m) >>> 63;
    s = t3 + c;
    c = carry(t3, 0, s);
    t3 = s;
    s = t4 + c;
    c = carry(t4, 0, s);
    t4 = s;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = t5 + lo + c;
    c = carry(t5, lo, s);
    t5 = s;
    s = t6 + hi + c;
    c = carry(t6, hi, s);
    t6 = s;
    t7 += c;
    // step 3
    m = -t3;
    c = (t3 | m) >>> 63;
    s = t4 + c;
    c = carry(t4, 0, s);
    t4 = s;
    s = t5 + c;
    c = carry(t5, 0, s);
    t5 = s;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = t6 + lo + c;
    c = carry(t6, lo, s);
    t6 = s;
    t7 = t7 + hi + c; // the total is below 2p < 2^256: no carry out
    return reduceOnce(t4, t5, t6, t7);
  }
}
