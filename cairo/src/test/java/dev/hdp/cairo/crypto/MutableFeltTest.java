package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MutableFeltTest {

  private static final BigInteger P = Felt252.PRIME;

  private static BigInteger sample(Random rnd, int i) {
    return switch (i % 5) {
      case 0 -> new BigInteger(252, rnd).mod(P);
      case 1 -> P.subtract(BigInteger.ONE).subtract(new BigInteger(1 + rnd.nextInt(130), rnd));
      case 2 -> BigInteger.valueOf(i % 3);
      case 3 -> BigInteger.ONE.shiftLeft(rnd.nextInt(252)).mod(P);
      default -> new BigInteger(64, rnd);
    };
  }

  @Test
  void operationsMatchBigIntegerIncludingAliasing() {
    Random rnd = new Random(77);
    MutableFelt r = new MutableFelt();
    for (int i = 0; i < 5000; i++) {
      BigInteger a = sample(rnd, i);
      BigInteger b = sample(rnd, i / 5 + rnd.nextInt(5));
      MutableFelt ma = new MutableFelt(Felt252.of(a));
      MutableFelt mb = new MutableFelt(Felt252.of(b));
      assertEquals(a.add(b).mod(P), r.add(ma, mb).toFelt().toBigInteger(), "add");
      assertEquals(a.subtract(b).mod(P), r.sub(ma, mb).toFelt().toBigInteger(), "sub");
      assertEquals(a.negate().mod(P), r.neg(ma).toFelt().toBigInteger(), "neg");
      assertEquals(a.shiftLeft(1).mod(P), r.twice(ma).toFelt().toBigInteger(), "twice");
      assertEquals(a.multiply(b).mod(P), r.mul(ma, mb).toFelt().toBigInteger(), "mul");
      assertEquals(a.multiply(a).mod(P), r.square(ma).toFelt().toBigInteger(), "square");
      assertEquals(Felt252.of(a).mul(Felt252.of(b)), r.mul(ma, mb).toFelt(), "same limbs");
      // aliasing: result written over an operand
      MutableFelt x = new MutableFelt(Felt252.of(a));
      assertEquals(
          a.multiply(a).multiply(b).mod(P), x.square(x).mul(x, mb).toFelt().toBigInteger());
      x.set(Felt252.of(a));
      assertEquals(
          a.subtract(b).add(a.subtract(b)).mod(P), x.sub(x, mb).add(x, x).toFelt().toBigInteger());
    }
  }

  /**
   * Additions work limb-wise on the Montgomery representation, so they can be checked on raw limbs.
   * These limb patterns reach the rare slow paths (limb 3 equal to p's, zero or all-ones limbs).
   */
  @Test
  void additiveOperationsHandleEdgeLimbPatterns() {
    long p3 = 0x0800000000000011L;
    long[] choices = {0, 1, 2, -1L, -2L, Long.MIN_VALUE, p3, p3 - 1, 0x123456789abcdefL};
    List<long[]> limbs = new ArrayList<>();
    for (long c0 : choices) {
      for (long c1 : choices) {
        for (long c2 : new long[] {0, -1L, 5}) {
          for (long c3 : new long[] {0, 1, p3, p3 - 1, p3 >>> 1}) {
            long[] l = {c0, c1, c2, c3};
            if (raw(l).compareTo(P) < 0) {
              limbs.add(l);
            }
          }
        }
      }
    }
    MutableFelt r = new MutableFelt();
    Random rnd = new Random(8);
    for (int i = 0; i < 20000; i++) {
      long[] x = limbs.get(rnd.nextInt(limbs.size()));
      long[] y = limbs.get(rnd.nextInt(limbs.size()));
      BigInteger a = raw(x);
      BigInteger b = raw(y);
      MutableFelt ma = new MutableFelt().load(x, 0);
      MutableFelt mb = new MutableFelt().load(y, 0);
      assertEquals(a.add(b).mod(P), raw(r.add(ma, mb)), "add");
      assertEquals(a.subtract(b).mod(P), raw(r.sub(ma, mb)), "sub");
      assertEquals(a.shiftLeft(1).mod(P), raw(r.twice(ma)), "twice");
      assertEquals(a.negate().mod(P), raw(r.neg(ma)), "neg");
    }
  }

  /**
   * Montgomery products on raw limbs, where the carry out of each reduction step's limb 0 runs
   * through all-ones limbs (the rarely taken branches of the product): with b = (1, 0, 0, 0) the
   * first row holds a itself, so a = (x, -1, -1, y) carries from limb 0 into limbs 1, 2 and 3.
   */
  @Test
  void productsCarryThroughAllOnesLimbs() {
    long p3 = 0x0800000000000011L;
    long[] low = {1, 2, -1L, -2L, Long.MIN_VALUE, 0x123456789abcdefL};
    long[] mid = {0, -1L, -2L, 1};
    long[] top = {0, 1, p3 - 1, p3 >>> 1};
    List<long[]> limbs = new ArrayList<>();
    for (long c0 : low) {
      for (long c1 : mid) {
        for (long c2 : mid) {
          for (long c3 : top) {
            limbs.add(new long[] {c0, c1, c2, c3});
          }
        }
      }
    }
    limbs.add(new long[] {0, -1L, -1L, 5});
    BigInteger rInverse = BigInteger.ONE.shiftLeft(256).modInverse(P);
    MutableFelt r = new MutableFelt();
    for (long[] x : limbs) {
      for (long[] y : limbs) {
        BigInteger want = raw(x).multiply(raw(y)).multiply(rInverse).mod(P);
        MutableFelt mx = new MutableFelt().load(x, 0);
        MutableFelt my = new MutableFelt().load(y, 0);
        assertEquals(want, raw(r.mul(mx, my)), "mul");
        Felt252 f = Felt252.montMul(x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3]);
        assertEquals(want, raw(new long[] {f.l0, f.l1, f.l2, f.l3}), "Felt252.montMul");
      }
      assertEquals(
          raw(x).multiply(raw(x)).multiply(rInverse).mod(P),
          raw(r.square(new MutableFelt().load(x, 0))),
          "square");
    }
  }

  private static BigInteger raw(long[] l) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(l[i])));
    }
    return v;
  }

  private static BigInteger raw(MutableFelt m) {
    long[] l = new long[4];
    m.store(l, 0);
    return raw(l);
  }
}
