package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
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
}
