package dev.hdp.cairo.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The STARK curve {@code y² = x³ + α·x + β} over the STARK field, with {@code α = 1}, and the
 * operations Cairo's {@code ec_op} and {@code ecdsa} builtins need.
 *
 * <p>β, the ECDSA generator, the shift point and the four Pedersen points are derived at class
 * initialisation from the decimal digits of π exactly as StarkWare's {@code
 * nothing_up_my_sleeve_gen.py} does: β is the first 76 digits plus 379 (the smallest offset giving
 * a prime-order curve); point {@code i} (1 to 6) starts from {@code x = } digits {@code 76i} to
 * {@code 76i+75}, increments x until {@code x³ + x + β} is a square, and takes the smaller square
 * root as y. Points 1 and 2 are the shift point and the generator; 3 to 6 are the Pedersen points
 * P0 to P3. The group order cannot be derived cheaply (it needs point counting) and is StarkWare's
 * published value; tests check that it is prime and that it annihilates the generator.
 */
public final class StarkCurve {

  private StarkCurve() {}

  /** Digits of π per derived number. */
  private static final int DIGITS_PER_NUMBER = 76;

  /** β's offset from the first 76 digits of π, found by StarkWare by point counting. */
  private static final int BETA_OFFSET = 379;

  /** The curve coefficient α. */
  public static final Felt252 ALPHA = Felt252.ONE;

  /** The curve coefficient β (0x6f21413e…cee9e89). */
  public static final Felt252 BETA;

  /** The order of the curve group (prime), from StarkWare's pedersen_params.json. */
  public static final BigInteger ORDER =
      new BigInteger("800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16);

  /** Bits of a scalar or message the ECDSA verification accepts (2^251 bound). */
  public static final int ECDSA_BITS = 251;

  /** The shift point (StarkWare's CONSTANT_POINTS[0]), the start of every Pedersen hash. */
  public static final EcPoint SHIFT_POINT;

  /** The ECDSA generator (StarkWare's EC_GEN, CONSTANT_POINTS[1]). */
  public static final EcPoint GENERATOR;

  private static final List<EcPoint> PEDERSEN_POINTS;

  static {
    String pi = PiDigits.first(DIGITS_PER_NUMBER * 7);
    BETA =
        Felt252.of(
            new BigInteger(pi.substring(0, DIGITS_PER_NUMBER))
                .add(BigInteger.valueOf(BETA_OFFSET)));
    List<EcPoint> points = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      BigInteger x =
          new BigInteger(pi.substring(DIGITS_PER_NUMBER * i, DIGITS_PER_NUMBER * (i + 1)));
      points.add(firstPointFrom(Felt252.reduce(x)));
    }
    SHIFT_POINT = points.get(0);
    GENERATOR = points.get(1);
    PEDERSEN_POINTS = List.copyOf(points.subList(2, 6));
  }

  /** The point with the smallest x at or after {@code x}, with the smaller of its two y values. */
  private static EcPoint firstPointFrom(Felt252 x) {
    while (true) {
      Optional<Felt252> y = rightHandSide(x).sqrt();
      if (y.isPresent()) {
        return EcPoint.of(x, y.get());
      }
      x = x.add(Felt252.ONE);
    }
  }

  /** {@code x³ + α·x + β}. */
  static Felt252 rightHandSide(Felt252 x) {
    return x.square().mul(x).add(x).add(BETA);
  }

  /** Whether {@code (x, y)} satisfies the curve equation. */
  public static boolean isOnCurve(Felt252 x, Felt252 y) {
    return y.square().equals(rightHandSide(x));
  }

  /**
   * Pedersen constant point {@code P_index} (0 to 3): P0 and P1 multiply the low 248 bits and the
   * high 4 bits of the first input, P2 and P3 those of the second.
   */
  public static EcPoint pedersenPoint(int index) {
    return PEDERSEN_POINTS.get(index);
  }

  /**
   * A y with {@code (x, y)} on the curve, the smaller of the two (the other is its negation), or
   * empty if x is not the x coordinate of a curve point.
   */
  public static Optional<Felt252> recoverY(Felt252 x) {
    return rightHandSide(x).sqrt();
  }

  /**
   * {@code p + m·q} computed as StarkWare's {@code ec_op_impl} (the {@code ec_op} builtin) does:
   * {@code height} rounds of "check, conditionally add, double", rejecting any round where the
   * partial sum and the doubled point share an x coordinate, or a doubled point has {@code y = 0}.
   * The points should be on the curve (the builtin checks that first).
   *
   * @throws EcArithmeticException in the cases above, or if m does not fit in {@code height} bits
   */
  public static EcPoint ecOp(EcPoint p, EcPoint q, BigInteger m, int height) {
    return mulAddStrict(p, q, m, height, "ec_op").toAffine();
  }

  /**
   * The shared "mimic the AIR" multiply-add: {@code start + m·point}, strict as described in {@link
   * #ecOp}.
   */
  private static JacobianPoint mulAddStrict(
      EcPoint start, EcPoint point, BigInteger m, int height, String what) {
    if (start.isInfinity() || point.isInfinity()) {
      throw new EcArithmeticException(what + ": the point at infinity has no affine coordinates");
    }
    if (m.signum() < 0) {
      throw new EcArithmeticException(what + ": negative scalar " + m);
    }
    JacobianPoint partial = JacobianPoint.fromAffine(start);
    JacobianPoint doubled = JacobianPoint.fromAffine(point);
    for (int i = 0; i < height; i++) {
      if (partial.sameX(doubled)) {
        throw new EcArithmeticException(
            what + ": computation reached two points with the same x coordinate (round " + i + ")");
      }
      if (m.testBit(i)) {
        partial = partial.add(doubled);
      }
      if (doubled.y.isZero()) {
        throw new EcArithmeticException(what + ": doubling a point with y = 0 (round " + i + ")");
      }
      doubled = doubled.twice();
    }
    if (m.bitLength() > height) {
      throw new EcArithmeticException(
          what + ": scalar " + m + " has more than " + height + " bits");
    }
    return partial;
  }

  /**
   * StarkWare's ECDSA verification ({@code signature.py verify}, used by the {@code ecdsa} builtin)
   * of signature {@code (r, s)} on {@code msgHash} by the key whose x coordinate is {@code
   * publicKeyX}; both y values of the key are tried. Checks {@code 1 <= s < ORDER}, {@code 1 <= r,
   * s^-1 < 2^251}, {@code msgHash < 2^251}, then computes {@code w·(msgHash·G + r·Q)} with the same
   * steps and degenerate-case rejections as StarkWare and compares its x coordinate with r (no
   * reduction modulo the order).
   *
   * @return whether the signature is valid; out-of-range inputs give {@code false}
   */
  public static boolean verifyEcdsa(
      Felt252 publicKeyX, Felt252 msgHash, BigInteger r, BigInteger s) {
    BigInteger bound = BigInteger.ONE.shiftLeft(ECDSA_BITS);
    if (s.signum() <= 0 || s.compareTo(ORDER) >= 0) {
      return false;
    }
    BigInteger w = s.modInverse(ORDER);
    if (r.signum() <= 0 || r.compareTo(bound) >= 0 || w.compareTo(bound) >= 0) {
      return false;
    }
    if (!msgHash.fitsInBits(ECDSA_BITS)) {
      return false;
    }
    Optional<Felt252> y = recoverY(publicKeyX);
    if (y.isEmpty()) {
      return false;
    }
    BigInteger z = msgHash.toBigInteger();
    return verifyWithPoint(EcPoint.of(publicKeyX, y.get()), z, r, w)
        || verifyWithPoint(EcPoint.of(publicKeyX, y.get().neg()), z, r, w);
  }

  private static boolean verifyWithPoint(EcPoint q, BigInteger z, BigInteger r, BigInteger w) {
    EcPoint minusShift = SHIFT_POINT.negate();
    try {
      EcPoint zg = mimicEcMultAir(z, GENERATOR, minusShift);
      EcPoint rq = mimicEcMultAir(r, q, SHIFT_POINT);
      EcPoint wb = mimicEcMultAir(w, addDistinctX(zg, rq), SHIFT_POINT);
      Felt252 x = addDistinctX(wb, minusShift).x();
      return x.toBigInteger().equals(r);
    } catch (EcArithmeticException e) {
      return false;
    }
  }

  /** {@code m·point + shift} as StarkWare's {@code mimic_ec_mult_air}, requiring 0 < m < 2^251. */
  private static EcPoint mimicEcMultAir(BigInteger m, EcPoint point, EcPoint shift) {
    if (m.signum() <= 0 || m.bitLength() > ECDSA_BITS) {
      throw new EcArithmeticException("ecdsa: scalar out of range (0, 2^251)");
    }
    return mulAddStrict(shift, point, m, ECDSA_BITS, "ecdsa").toAffine();
  }

  /** Affine addition that, like StarkWare's {@code ec_add}, rejects equal x coordinates. */
  private static EcPoint addDistinctX(EcPoint a, EcPoint b) {
    if (a.x().equals(b.x())) {
      throw new EcArithmeticException("ec_add: points with the same x coordinate");
    }
    return a.add(b);
  }
}
