package dev.hdp.cairo.crypto;

/**
 * A point of the STARK curve in Jacobian coordinates: {@code (X, Y, Z)} stands for the affine point
 * {@code (X/Z², Y/Z³)}; {@code Z = 0} is the point at infinity. Formulas are the standard ones from
 * the Explicit-Formulas Database ({@code add-2007-bl}, {@code madd-2007-bl}, {@code dbl-2007-bl})
 * with curve parameter {@code a = 1}; they need no inversion.
 */
final class JacobianPoint {

  static final JacobianPoint INFINITY = new JacobianPoint(Felt252.ONE, Felt252.ONE, Felt252.ZERO);

  final Felt252 x;
  final Felt252 y;
  final Felt252 z;

  JacobianPoint(Felt252 x, Felt252 y, Felt252 z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }

  static JacobianPoint fromAffine(EcPoint p) {
    return p.isInfinity() ? INFINITY : new JacobianPoint(p.x(), p.y(), Felt252.ONE);
  }

  boolean isInfinity() {
    return z.isZero();
  }

  EcPoint toAffine() {
    if (isInfinity()) {
      return EcPoint.INFINITY;
    }
    Felt252 zInv = z.inverse();
    Felt252 zInv2 = zInv.square();
    return EcPoint.of(x.mul(zInv2), y.mul(zInv2).mul(zInv));
  }

  /** The affine x coordinate (this must not be infinity). */
  Felt252 affineX() {
    if (isInfinity()) {
      throw new IllegalStateException("point at infinity has no x coordinate");
    }
    return x.mul(z.square().inverse());
  }

  JacobianPoint negate() {
    return new JacobianPoint(x, y.neg(), z);
  }

  JacobianPoint twice() {
    if (isInfinity() || y.isZero()) {
      return INFINITY;
    }
    // dbl-2007-bl with a = 1
    Felt252 xx = x.square();
    Felt252 yy = y.square();
    Felt252 yyyy = yy.square();
    Felt252 zz = z.square();
    Felt252 s = x.add(yy).square().sub(xx).sub(yyyy).twice();
    Felt252 m = xx.twice().add(xx).add(zz.square());
    Felt252 t = m.square().sub(s.twice());
    Felt252 y3 = m.mul(s.sub(t)).sub(yyyy.twice().twice().twice());
    Felt252 z3 = y.add(z).square().sub(yy).sub(zz);
    return new JacobianPoint(t, y3, z3);
  }

  /** {@code this + q} for an affine q ({@code x2, y2}, not infinity). */
  JacobianPoint addAffine(Felt252 x2, Felt252 y2) {
    if (isInfinity()) {
      return new JacobianPoint(x2, y2, Felt252.ONE);
    }
    // madd-2007-bl
    Felt252 z1z1 = z.square();
    Felt252 u2 = x2.mul(z1z1);
    Felt252 s2 = y2.mul(z).mul(z1z1);
    Felt252 h = u2.sub(x);
    Felt252 r = s2.sub(y).twice();
    if (h.isZero()) {
      return r.isZero() ? twice() : INFINITY;
    }
    Felt252 hh = h.square();
    Felt252 i = hh.twice().twice();
    Felt252 j = h.mul(i);
    Felt252 v = x.mul(i);
    Felt252 x3 = r.square().sub(j).sub(v.twice());
    Felt252 y3 = r.mul(v.sub(x3)).sub(y.mul(j).twice());
    Felt252 z3 = z.add(h).square().sub(z1z1).sub(hh);
    return new JacobianPoint(x3, y3, z3);
  }

  JacobianPoint add(JacobianPoint q) {
    if (isInfinity()) {
      return q;
    }
    if (q.isInfinity()) {
      return this;
    }
    // add-2007-bl
    Felt252 z1z1 = z.square();
    Felt252 z2z2 = q.z.square();
    Felt252 u1 = x.mul(z2z2);
    Felt252 u2 = q.x.mul(z1z1);
    Felt252 s1 = y.mul(q.z).mul(z2z2);
    Felt252 s2 = q.y.mul(z).mul(z1z1);
    Felt252 h = u2.sub(u1);
    Felt252 r = s2.sub(s1).twice();
    if (h.isZero()) {
      return r.isZero() ? twice() : INFINITY;
    }
    Felt252 i = h.twice().square();
    Felt252 j = h.mul(i);
    Felt252 v = u1.mul(i);
    Felt252 x3 = r.square().sub(j).sub(v.twice());
    Felt252 y3 = r.mul(v.sub(x3)).sub(s1.mul(j).twice());
    Felt252 z3 = z.add(q.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new JacobianPoint(x3, y3, z3);
  }

  /** Whether the affine x coordinates of two finite points are equal (no inversion). */
  boolean sameX(JacobianPoint q) {
    return x.mul(q.z.square()).equals(q.x.mul(z.square()));
  }
}
