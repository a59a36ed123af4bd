package dev.hdp.cairo.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.cairo.crypto.Felt252;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldLimbsTest {
  private static final BigInteger P = Felt252.PRIME;

  private static BigInteger random(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> BigInteger.valueOf(r.nextInt(1000));
      case 1 -> P.subtract(BigInteger.valueOf(1 + r.nextInt(1000)));
      default -> new BigInteger(260, r).mod(P);
    };
  }

  @Test
  void addSubMulDivAgreeWithBigInteger() {
    Random r = new Random(7);
    Word a = new Word();
    Word b = new Word();
    Word out = new Word();
    for (int i = 0; i < 5000; i++) {
      BigInteger x = random(r);
      BigInteger y = random(r);
      a.set(x);
      b.set(y);
      FieldLimbs.add(a, b, out);
      assertEquals(x.add(y).mod(P), out.toBigInteger());
      FieldLimbs.sub(a, b, out);
      assertEquals(x.subtract(y).mod(P), out.toBigInteger());
      FieldLimbs.mul(a, b, out);
      assertEquals(x.multiply(y).mod(P), out.toBigInteger());
      if (y.signum() != 0) {
        FieldLimbs.div(a, b, out);
        assertEquals(x.multiply(y.modInverse(P)).mod(P), out.toBigInteger());
      }
    }
  }

  @Test
  void signedSmallValuesRoundTrip() {
    Word w = new Word();
    for (long v :
        new long[] {0, 1, -1, -2, 5, -5, (1L << 62) - 1, -(1L << 62), 123456789, -987654321}) {
      FieldLimbs.setSigned(v, w);
      assertEquals(BigInteger.valueOf(v).mod(P), w.toBigInteger());
      assertEquals(v, FieldLimbs.toSignedSmall(w));
    }
    w.set(P.shiftRight(1));
    assertEquals(Long.MIN_VALUE, FieldLimbs.toSignedSmall(w));
  }
}
