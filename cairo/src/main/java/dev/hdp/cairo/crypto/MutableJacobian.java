package dev.hdp.cairo.crypto;

/**
 * A mutable STARK-curve point in Jacobian coordinates for allocation-free accumulation (the same
 * formulas as {@link JacobianPoint}: {@code madd-2007-bl} and {@code dbl-2007-bl} with a = 1). Not
 * thread-safe; each instance owns its scratch elements.
 */
final class MutableJacobian {

  final MutableFelt x = new MutableFelt();
  final MutableFelt y = new MutableFelt();
  final MutableFelt z = new MutableFelt();
  private boolean infinity = true;

  private final MutableFelt z1z1 = new MutableFelt();
  private final MutableFelt u2 = new MutableFelt();
  private final MutableFelt s2 = new MutableFelt();
  private final MutableFelt h = new MutableFelt();
  private final MutableFelt hh = new MutableFelt();
  private final MutableFelt i = new MutableFelt();
  private final MutableFelt j = new MutableFelt();
  private final MutableFelt r = new MutableFelt();
  private final MutableFelt v = new MutableFelt();
  private final MutableFelt w = new MutableFelt();
  private final MutableFelt ax = new MutableFelt();
  private final MutableFelt ay = new MutableFelt();

  private static final Felt252 ONE = Felt252.ONE;

  boolean isInfinity() {
    return infinity;
  }

  /** this = the affine point (px, py). */
  MutableJacobian setAffine(MutableFelt px, MutableFelt py) {
    x.set(px);
    y.set(py);
    z.set(ONE);
    infinity = false;
    return this;
  }

  /**
   * this += the affine point stored as x at {@code table[off..off+3]}, y at {@code [off+4..+7]}, or
   * its negation.
   */
  void addAffine(long[] table, int off, boolean negate) {
    ax.load(table, off);
    ay.load(table, off + 4);
    if (negate) {
      ay.neg(ay);
    }
    addAffine(ax, ay);
  }

  /** this += (x2, y2), an affine point (not infinity); x2, y2 must not be this point's fields. */
  void addAffine(MutableFelt x2, MutableFelt y2) {
    if (infinity) {
      setAffine(x2, y2);
      return;
    }
    z1z1.square(z);
    u2.mul(x2, z1z1);
    s2.mul(z, z1z1).mul(s2, y2);
    h.sub(u2, x);
    r.sub(s2, y).twice(r);
    if (h.isZero()) {
      if (r.isZero()) {
        twice();
      } else {
        infinity = true;
      }
      return;
    }
    hh.square(h);
    i.twice(hh).twice(i);
    j.mul(h, i);
    v.mul(x, i);
    // x3 = r² - j - 2v
    w.square(r).sub(w, j);
    x.twice(v);
    x.sub(w, x);
    // y3 = r·(v - x3) - 2·y1·j
    v.sub(v, x).mul(v, r);
    w.mul(y, j).twice(w);
    y.sub(v, w);
    // z3 = (z1 + h)² - z1z1 - hh
    z.add(z, h).square(z).sub(z, z1z1).sub(z, hh);
  }

  /** this = 2·this. */
  void twice() {
    if (infinity || y.isZero()) {
      infinity = true;
      return;
    }
    // dbl-2007-bl, a = 1: xx = x², yy = y², yyyy = yy², zz = z²,
    // s = 2((x + yy)² - xx - yyyy), m = 3xx + zz², x3 = m² - 2s,
    // y3 = m(s - x3) - 8yyyy, z3 = (y + z)² - yy - zz
    MutableFelt xx = z1z1.square(x);
    MutableFelt yy = u2.square(y);
    MutableFelt yyyy = s2.square(yy);
    MutableFelt zz = h.square(z);
    MutableFelt s = hh.add(x, yy).square(hh).sub(hh, xx).sub(hh, yyyy).twice(hh);
    MutableFelt m = i.twice(xx).add(i, xx).add(i, j.square(zz));
    z.add(y, z).square(z).sub(z, yy).sub(z, zz);
    x.square(m).sub(x, r.twice(s));
    y.sub(s, x).mul(y, m).sub(y, yyyy.twice(yyyy).twice(yyyy).twice(yyyy));
  }

  /** The affine x coordinate, {@code x / z²}. */
  Felt252 affineX() {
    if (infinity) {
      throw new IllegalStateException("point at infinity has no x coordinate");
    }
    w.square(z);
    v.inverse(w);
    return v.mul(v, x).toFelt();
  }
}
