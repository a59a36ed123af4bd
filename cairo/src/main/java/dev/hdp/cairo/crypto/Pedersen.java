package dev.hdp.cairo.crypto;

import java.util.List;

/**
 * StarkWare's Pedersen hash on the STARK curve, as computed by the Cairo {@code pedersen} builtin:
 *
 * <pre>
 *   H(a, b) = (shift + a_low·P0 + a_high·P1 + b_low·P2 + b_high·P3).x
 * </pre>
 *
 * where {@code low} is the low 248 bits and {@code high} the top 4 bits of an element. The points
 * come from {@link StarkCurve} (derived from the digits of π).
 *
 * <p>For speed the 248-bit parts use precomputed tables of affine points: the part is written in
 * signed base-512 digits (28 windows of 9 bits, each digit in [-256, 256]) and each window has a
 * table of {@code d·2^(9j)·P} for d = 1..256; a negative digit adds the negated point. A hash is
 * then at most 58 mixed Jacobian-affine additions and one inversion. The additions use complete
 * case handling, so every input gives the mathematically defined result.
 */
public final class Pedersen {

  private static final int WINDOW_BITS = 9;
  private static final int LOW_BITS = 248;
  private static final int LOW_WINDOWS = (LOW_BITS + WINDOW_BITS - 1) / WINDOW_BITS; // 28
  private static final int HALF = 1 << (WINDOW_BITS - 1); // 256, the largest digit magnitude

  /**
   * Tables for P0 and P2 (the low parts): entry {@code window·256 + (d - 1)} at offset 8·entry
   * holds the Montgomery limbs of x then y of {@code d·2^(9·window)·P}.
   */
  private static final long[] LOW0 =
      windowTable(StarkCurve.pedersenPoint(0), LOW_WINDOWS, WINDOW_BITS, HALF);

  private static final long[] LOW1 =
      windowTable(StarkCurve.pedersenPoint(2), LOW_WINDOWS, WINDOW_BITS, HALF);

  /** Tables for P1 and P3 (the high nibbles): entry {@code d - 1} for d = 1..15. */
  private static final long[] HIGH0 = windowTable(StarkCurve.pedersenPoint(1), 1, 4, 15);

  private static final long[] HIGH1 = windowTable(StarkCurve.pedersenPoint(3), 1, 4, 15);

  private static final Felt252 SHIFT_X = StarkCurve.SHIFT_POINT.x();
  private static final Felt252 SHIFT_Y = StarkCurve.SHIFT_POINT.y();

  private Pedersen() {}

  /**
   * Builds {@code d·2^(bits·j)·p} for windows j and digits d = 1..entries, at index {@code
   * j·entries + d - 1}, normalised to affine with one shared inversion (Montgomery's trick).
   */
  private static long[] windowTable(EcPoint p, int windows, int bits, int entries) {
    JacobianPoint[] jac = new JacobianPoint[windows * entries];
    JacobianPoint base = JacobianPoint.fromAffine(p);
    for (int j = 0; j < windows; j++) {
      JacobianPoint acc = base;
      for (int d = 1; d <= entries; d++) {
        jac[j * entries + d - 1] = acc;
        acc = acc.add(base);
      }
      for (int i = 0; i < bits; i++) {
        base = base.twice();
      }
    }
    // Batch inversion of all Z (index 0 of each window is unused).
    Felt252[] prefix = new Felt252[jac.length];
    Felt252 running = Felt252.ONE;
    for (int i = 0; i < jac.length; i++) {
      if (jac[i] != null) {
        if (jac[i].isInfinity()) {
          throw new IllegalStateException("Pedersen table reached the point at infinity");
        }
        prefix[i] = running;
        running = running.mul(jac[i].z);
      }
    }
    Felt252 inv = running.inverse();
    long[] table = new long[8 * jac.length];
    MutableFelt m = new MutableFelt();
    for (int i = jac.length - 1; i >= 0; i--) {
      if (jac[i] != null) {
        Felt252 zInv = inv.mul(prefix[i]);
        inv = inv.mul(jac[i].z);
        Felt252 zInv2 = zInv.square();
        m.set(jac[i].x.mul(zInv2)).store(table, 8 * i);
        m.set(jac[i].y.mul(zInv2).mul(zInv)).store(table, 8 * i + 4);
      }
    }
    return table;
  }

  /** {@code pedersen(a, b)}, the Cairo pedersen builtin's output for inputs a and b. */
  public static Felt252 hash(Felt252 a, Felt252 b) {
    MutableJacobian acc = new MutableJacobian();
    acc.setAffine(new MutableFelt(SHIFT_X), new MutableFelt(SHIFT_Y));
    addElement(acc, a.canonicalLimbs(), LOW0, HIGH0);
    addElement(acc, b.canonicalLimbs(), LOW1, HIGH1);
    return acc.affineX();
  }

  private static void addElement(MutableJacobian acc, long[] limbs, long[] low, long[] high) {
    int carry = 0;
    for (int j = 0; j < LOW_WINDOWS; j++) {
      int pos = j * WINDOW_BITS;
      int digit = bits(limbs, pos, Math.min(WINDOW_BITS, LOW_BITS - pos)) + carry;
      carry = 0;
      if (digit > HALF) { // use digit - 512 and carry one into the next window
        digit -= 1 << WINDOW_BITS;
        carry = 1;
      }
      if (digit > 0) {
        acc.addAffine(low, 8 * (j * HALF + digit - 1), false);
      } else if (digit < 0) {
        acc.addAffine(low, 8 * (j * HALF - digit - 1), true);
      }
    }
    // The last window has 5 bits, so its digit is at most 32 and leaves no carry.
    int nibble = (int) (limbs[3] >>> 56) & 0xF;
    if (nibble != 0) {
      acc.addAffine(high, 8 * (nibble - 1), false);
    }
  }

  /** Bits {@code pos .. pos+len-1} (len <= 31) of the little-endian limbs. */
  private static int bits(long[] limbs, int pos, int len) {
    int k = pos >>> 6;
    int shift = pos & 63;
    long v = limbs[k] >>> shift;
    if (shift + len > 64) {
      v |= limbs[k + 1] << (64 - shift);
    }
    return (int) (v & ((1L << len) - 1));
  }

  /**
   * {@code compute_hash_chain(data)} of cairo-lang: {@code h(d[0], h(d[1], … h(d[n-2], d[n-1])))},
   * a right fold (used for the Pedersen program hash, over {@code [len] + data}).
   *
   * @throws IllegalArgumentException if {@code data} is empty
   */
  public static Felt252 hashChain(List<Felt252> data) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("hash chain of an empty list");
    }
    Felt252 acc = data.get(data.size() - 1);
    for (int i = data.size() - 2; i >= 0; i--) {
      acc = hash(data.get(i), acc);
    }
    return acc;
  }

  /**
   * Starknet's {@code compute_hash_on_elements(data)}: {@code h(…h(h(0, d[0]), d[1])…, n)}, a left
   * fold from 0 that ends with the length.
   */
  public static Felt252 hashOnElements(List<Felt252> data) {
    Felt252 acc = Felt252.ZERO;
    for (Felt252 d : data) {
      acc = hash(acc, d);
    }
    return hash(acc, Felt252.of(data.size()));
  }
}
