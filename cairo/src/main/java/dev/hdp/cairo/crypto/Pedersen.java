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
 * <p>For speed the 248-bit parts use precomputed tables of affine points, one per 8-bit window
 * ({@code d·2^(8j)·P} for every digit d), built once at class initialisation; a hash is then at
 * most 64 mixed Jacobian-affine additions and one inversion. The additions use complete case
 * handling, so every input gives the mathematically defined result.
 */
public final class Pedersen {

  private static final int WINDOW_BITS = 8;
  private static final int LOW_BITS = 248;
  private static final int WINDOWS = LOW_BITS / WINDOW_BITS; // 31
  private static final int DIGITS = 1 << WINDOW_BITS; // 256, index 0 unused

  /** Tables for P0, P2: [window * DIGITS + digit], affine. */
  private static final Felt252[] LOW0_X;

  private static final Felt252[] LOW0_Y;
  private static final Felt252[] LOW1_X;
  private static final Felt252[] LOW1_Y;

  /** Tables for P1, P3: [digit], digit 1..15, affine. */
  private static final Felt252[] HIGH0_X;

  private static final Felt252[] HIGH0_Y;
  private static final Felt252[] HIGH1_X;
  private static final Felt252[] HIGH1_Y;

  private static final Felt252 SHIFT_X = StarkCurve.SHIFT_POINT.x();
  private static final Felt252 SHIFT_Y = StarkCurve.SHIFT_POINT.y();

  static {
    Felt252[][] t = windowTable(StarkCurve.pedersenPoint(0), WINDOWS, WINDOW_BITS);
    LOW0_X = t[0];
    LOW0_Y = t[1];
    t = windowTable(StarkCurve.pedersenPoint(1), 1, 4);
    HIGH0_X = t[0];
    HIGH0_Y = t[1];
    t = windowTable(StarkCurve.pedersenPoint(2), WINDOWS, WINDOW_BITS);
    LOW1_X = t[0];
    LOW1_Y = t[1];
    t = windowTable(StarkCurve.pedersenPoint(3), 1, 4);
    HIGH1_X = t[0];
    HIGH1_Y = t[1];
  }

  private Pedersen() {}

  /**
   * Builds {@code d·2^(bits·j)·p} for windows j and digits d ≥ 1, at index {@code j·2^bits + d},
   * normalised to affine with one shared inversion (Montgomery's trick).
   */
  private static Felt252[][] windowTable(EcPoint p, int windows, int bits) {
    int digits = 1 << bits;
    JacobianPoint[] jac = new JacobianPoint[windows * digits];
    JacobianPoint base = JacobianPoint.fromAffine(p);
    for (int j = 0; j < windows; j++) {
      JacobianPoint acc = base;
      for (int d = 1; d < digits; d++) {
        jac[j * digits + d] = acc;
        acc = acc.add(base);
      }
      base = acc; // 2^bits · base
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
    Felt252[] xs = new Felt252[jac.length];
    Felt252[] ys = new Felt252[jac.length];
    for (int i = jac.length - 1; i >= 0; i--) {
      if (jac[i] != null) {
        Felt252 zInv = inv.mul(prefix[i]);
        inv = inv.mul(jac[i].z);
        Felt252 zInv2 = zInv.square();
        xs[i] = jac[i].x.mul(zInv2);
        ys[i] = jac[i].y.mul(zInv2).mul(zInv);
      }
    }
    return new Felt252[][] {xs, ys};
  }

  /** {@code pedersen(a, b)}, the Cairo pedersen builtin's output for inputs a and b. */
  public static Felt252 hash(Felt252 a, Felt252 b) {
    JacobianPoint acc = new JacobianPoint(SHIFT_X, SHIFT_Y, Felt252.ONE);
    acc = addElement(acc, a.canonicalLimbs(), LOW0_X, LOW0_Y, HIGH0_X, HIGH0_Y);
    acc = addElement(acc, b.canonicalLimbs(), LOW1_X, LOW1_Y, HIGH1_X, HIGH1_Y);
    return acc.affineX();
  }

  private static JacobianPoint addElement(
      JacobianPoint acc,
      long[] limbs,
      Felt252[] lowX,
      Felt252[] lowY,
      Felt252[] highX,
      Felt252[] highY) {
    for (int j = 0; j < WINDOWS; j++) {
      int digit = (int) (limbs[j >>> 3] >>> ((j & 7) << 3)) & (DIGITS - 1);
      if (digit != 0) {
        int idx = j * DIGITS + digit;
        acc = acc.addAffine(lowX[idx], lowY[idx]);
      }
    }
    int high = (int) (limbs[3] >>> 56) & 0xF;
    if (high != 0) {
      acc = acc.addAffine(highX[high], highY[high]);
    }
    return acc;
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
