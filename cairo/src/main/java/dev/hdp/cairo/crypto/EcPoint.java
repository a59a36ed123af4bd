package dev.hdp.cairo.crypto;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An affine point of the STARK curve {@code y² = x³ + x + β} (see {@link StarkCurve}), or the point
 * at infinity. Immutable.
 *
 * <p>{@link #of} does not check that the coordinates lie on the curve, because Cairo's builtins
 * receive arbitrary felts and report off-curve points themselves; use {@link #isOnCurve()} or
 * {@link #onCurve}. The group operations are meaningful only for points on the curve.
 */
public final class EcPoint {

  /** The point at infinity (the group's identity). */
  public static final EcPoint INFINITY = new EcPoint(null, null);

  private final Felt252 x;
  private final Felt252 y;

  private EcPoint(Felt252 x, Felt252 y) {
    this.x = x;
    this.y = y;
  }

  /** The affine point {@code (x, y)}, not checked to be on the curve. */
  public static EcPoint of(Felt252 x, Felt252 y) {
    return new EcPoint(Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"));
  }

  /**
   * The affine point {@code (x, y)}, which must be on the curve.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static EcPoint onCurve(Felt252 x, Felt252 y) {
    EcPoint p = of(x, y);
    if (!p.isOnCurve()) {
      throw new IllegalArgumentException("point is not on the STARK curve: (" + x + ", " + y + ")");
    }
    return p;
  }

  /** Whether this is the point at infinity. */
  public boolean isInfinity() {
    return x == null;
  }

  /**
   * The x coordinate.
   *
   * @throws IllegalStateException for the point at infinity
   */
  public Felt252 x() {
    if (x == null) {
      throw new IllegalStateException("point at infinity has no coordinates");
    }
    return x;
  }

  /**
   * The y coordinate.
   *
   * @throws IllegalStateException for the point at infinity
   */
  public Felt252 y() {
    if (y == null) {
      throw new IllegalStateException("point at infinity has no coordinates");
    }
    return y;
  }

  /** Whether this satisfies the curve equation (the point at infinity counts as on the curve). */
  public boolean isOnCurve() {
    return isInfinity() || StarkCurve.isOnCurve(x, y);
  }

  /** {@code -this}. */
  public EcPoint negate() {
    return isInfinity() ? this : new EcPoint(x, y.neg());
  }

  /** {@code this + other} in the group. */
  public EcPoint add(EcPoint other) {
    if (isInfinity()) {
      return other;
    }
    if (other.isInfinity()) {
      return this;
    }
    return JacobianPoint.fromAffine(this).addAffine(other.x, other.y).toAffine();
  }

  /** {@code 2·this} in the group. */
  public EcPoint twice() {
    return JacobianPoint.fromAffine(this).twice().toAffine();
  }

  /** {@code k·this} for any integer k (a negative k multiplies the negated point). */
  public EcPoint multiply(BigInteger k) {
    return multiplyJacobian(k).toAffine();
  }

  JacobianPoint multiplyJacobian(BigInteger k) {
    if (isInfinity() || k.signum() == 0) {
      return JacobianPoint.INFINITY;
    }
    EcPoint base = k.signum() < 0 ? negate() : this;
    BigInteger e = k.abs();
    JacobianPoint acc = JacobianPoint.INFINITY;
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      acc = acc.twice();
      if (e.testBit(i)) {
        acc = acc.addAffine(base.x, base.y);
      }
    }
    return acc;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof EcPoint p && Objects.equals(x, p.x) && Objects.equals(y, p.y));
  }

  @Override
  public int hashCode() {
    return Objects.hash(x, y);
  }

  @Override
  public String toString() {
    return isInfinity() ? "EcPoint(infinity)" : "EcPoint(" + x + ", " + y + ")";
  }
}
