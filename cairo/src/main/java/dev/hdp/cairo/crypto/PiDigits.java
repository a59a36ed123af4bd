package dev.hdp.cairo.crypto;

import java.math.BigInteger;

/** Decimal digits of π, computed with Machin's formula in fixed-point integer arithmetic. */
final class PiDigits {

  private PiDigits() {}

  /**
   * The first {@code count} decimal digits of π without the point: {@code "31415926535..."}. Twenty
   * guard digits absorb the truncation error of the series, so every returned digit is exact.
   */
  static String first(int count) {
    BigInteger scale = BigInteger.TEN.pow(count + 20);
    // π = 16·atan(1/5) − 4·atan(1/239)
    BigInteger pi =
        arctanInverse(5, scale).shiftLeft(4).subtract(arctanInverse(239, scale).shiftLeft(2));
    return pi.toString().substring(0, count);
  }

  /** {@code scale · atan(1/x)}, truncated term by term. */
  private static BigInteger arctanInverse(int x, BigInteger scale) {
    BigInteger xSquared = BigInteger.valueOf((long) x * x);
    BigInteger power = scale.divide(BigInteger.valueOf(x)); // scale / x^(2k+1)
    BigInteger sum = power;
    int k = 1;
    while (power.signum() != 0) {
      power = power.divide(xSquared);
      BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
      sum = (k % 2 == 1) ? sum.subtract(term) : sum.add(term);
      k++;
    }
    return sum;
  }
}
