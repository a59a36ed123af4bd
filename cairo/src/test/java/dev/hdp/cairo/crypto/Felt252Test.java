package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Felt252Test {

  private static final BigInteger P =
      new BigInteger("800000000000011000000000000000000000000000000000000000000000001", 16);

  /** Random values with a fixed seed, plus values near 0, near p and near limb boundaries. */
  private static List<BigInteger> samples() {
    Random rnd = new Random(20261121L);
    List<BigInteger> out = new ArrayList<>();
    for (long v = 0; v < 5; v++) {
      out.add(BigInteger.valueOf(v));
      out.add(P.subtract(BigInteger.valueOf(v + 1)));
    }
    for (int k : new int[] {63, 64, 127, 128, 191, 192, 250, 251}) {
      out.add(BigInteger.ONE.shiftLeft(k));
      out.add(BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE));
    }
    out.add(P.shiftRight(1));
    out.add(P.shiftRight(1).add(BigInteger.ONE));
    for (int i = 0; i < 3000; i++) {
      BigInteger v;
      switch (i % 4) {
        case 0 -> v = new BigInteger(252, rnd).mod(P);
        case 1 ->
            v = P.subtract(BigInteger.ONE).subtract(new BigInteger(1 + rnd.nextInt(200), rnd));
        case 2 -> v = new BigInteger(1 + rnd.nextInt(252), rnd).mod(P);
        default -> v = new BigInteger(64, rnd);
      }
      out.add(v);
    }
    return out;
  }

  @Test
  void arithmeticMatchesBigInteger() {
    List<BigInteger> xs = samples();
    Random rnd = new Random(7);
    for (int i = 0; i < xs.size(); i++) {
      BigInteger a = xs.get(i);
      BigInteger b = xs.get(rnd.nextInt(xs.size()));
      Felt252 fa = Felt252.of(a);
      Felt252 fb = Felt252.of(b);
      assertEquals(a, fa.toBigInteger());
      assertEquals(a.add(b).mod(P), fa.add(fb).toBigInteger(), "add");
      assertEquals(a.subtract(b).mod(P), fa.sub(fb).toBigInteger(), "sub");
      assertEquals(a.negate().mod(P), fa.neg().toBigInteger(), "neg");
      assertEquals(a.multiply(b).mod(P), fa.mul(fb).toBigInteger(), "mul");
      assertEquals(a.multiply(a).mod(P), fa.square().toBigInteger(), "square");
      assertEquals(a.shiftLeft(1).mod(P), fa.twice().toBigInteger(), "twice");
      assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(fa.compareTo(fb)), "compare");
      assertEquals(a.equals(b), fa.equals(fb));
      assertEquals(a.bitLength(), fa.bitLength());
      int bit = rnd.nextInt(256);
      assertEquals(a.testBit(bit), fa.testBit(bit));
    }
  }

  @Test
  void inverseDivAndPowMatchBigInteger() {
    List<BigInteger> xs = samples();
    Random rnd = new Random(11);
    for (int i = 0; i < 600; i++) {
      BigInteger a = xs.get(rnd.nextInt(xs.size()));
      BigInteger b = xs.get(rnd.nextInt(xs.size()));
      if (b.signum() == 0) {
        continue;
      }
      Felt252 fa = Felt252.of(a);
      Felt252 fb = Felt252.of(b);
      assertEquals(b.modInverse(P), fb.inverse().toBigInteger(), "inverse");
      assertEquals(a.multiply(b.modInverse(P)).mod(P), fa.div(fb).toBigInteger(), "div");
      BigInteger e = new BigInteger(1 + rnd.nextInt(300), rnd);
      assertEquals(a.modPow(e, P), fa.pow(e).toBigInteger(), "pow big");
      long le = rnd.nextLong() & Long.MAX_VALUE;
      assertEquals(a.modPow(BigInteger.valueOf(le), P), fa.pow(le).toBigInteger(), "pow long");
    }
    assertThrows(ArithmeticException.class, () -> Felt252.ZERO.inverse());
    assertEquals(Felt252.ONE, Felt252.ZERO.pow(0));
  }

  @Test
  void sqrtFindsRootsExactlyForSquares() {
    Random rnd = new Random(5);
    int squares = 0;
    for (int i = 0; i < 40; i++) {
      BigInteger a = new BigInteger(252, rnd).mod(P);
      Felt252 fa = Felt252.of(a);
      boolean isSquare =
          a.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
      assertEquals(isSquare, fa.isSquare());
      var root = fa.sqrt();
      assertEquals(isSquare, root.isPresent());
      if (isSquare) {
        squares++;
        Felt252 r = root.orElseThrow();
        assertEquals(fa, r.square());
        assertTrue(r.compareTo(r.neg()) <= 0);
      }
    }
    assertTrue(squares > 5);
    assertEquals(Felt252.of(3), Felt252.of(9).sqrt().orElseThrow());
  }

  @Test
  void constantsAndLongFactories() {
    assertEquals(BigInteger.ZERO, Felt252.ZERO.toBigInteger());
    assertEquals(BigInteger.ONE, Felt252.ONE.toBigInteger());
    assertEquals(P.subtract(BigInteger.ONE), Felt252.MINUS_ONE.toBigInteger());
    assertEquals(P, Felt252.PRIME);
    assertEquals(P.subtract(BigInteger.valueOf(5)), Felt252.of(-5).toBigInteger());
    assertEquals(
        P.subtract(BigInteger.ONE.shiftLeft(63)), Felt252.of(Long.MIN_VALUE).toBigInteger());
    assertEquals(BigInteger.valueOf(Long.MAX_VALUE), Felt252.of(Long.MAX_VALUE).toBigInteger());
    assertEquals(
        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
        Felt252.ofUnsigned(-1L).toBigInteger());
    assertEquals(42L, Felt252.of(42).longValueExact());
    assertThrows(ArithmeticException.class, () -> Felt252.of(-1).longValueExact());
    assertTrue(Felt252.ZERO.isZero());
    assertFalse(Felt252.ONE.isZero());
    assertTrue(Felt252.of(255).fitsInBits(8));
    assertFalse(Felt252.of(256).fitsInBits(8));
  }

  @Test
  void bigIntegerFactoriesAreStrictUnlessReducing() {
    assertThrows(InvalidFeltException.class, () -> Felt252.of(P));
    assertThrows(InvalidFeltException.class, () -> Felt252.of(BigInteger.valueOf(-1)));
    assertEquals(Felt252.ZERO, Felt252.reduce(P));
    assertEquals(Felt252.MINUS_ONE, Felt252.reduce(BigInteger.valueOf(-1)));
    assertEquals(
        Felt252.of(3), Felt252.reduce(P.multiply(BigInteger.TEN).add(BigInteger.valueOf(3))));
  }

  @Test
  void hexRoundTripAndStrictness() {
    for (BigInteger a : samples().subList(0, 500)) {
      Felt252 f = Felt252.of(a);
      String hex = f.toHex();
      assertEquals("0x" + a.toString(16), hex);
      assertEquals(f, Felt252.fromHex(hex));
      assertEquals(
          f, Felt252.fromHex("0x" + String.format("%64s", a.toString(16)).replace(' ', '0')));
      assertEquals(f, Felt252.fromHex(hex.toUpperCase().replace("0X", "0x")));
    }
    assertEquals("0x0", Felt252.ZERO.toHex());
    assertEquals(
        "0x800000000000011000000000000000000000000000000000000000000000000",
        Felt252.MINUS_ONE.toHex());
    for (String bad :
        new String[] {
          "",
          "0x",
          "12",
          "x12",
          "0X12",
          "-0x1",
          "0x-1",
          " 0x1",
          "0x1 ",
          "0xg",
          "0x1_0",
          "0x800000000000011000000000000000000000000000000000000000000000001",
          "0x" + "f".repeat(64),
          "0x" + "0".repeat(65),
          "0x\uff11"
        }) {
      assertThrows(InvalidFeltException.class, () -> Felt252.fromHex(bad), bad);
    }
    assertThrows(InvalidFeltException.class, () -> Felt252.fromHex(null));
  }

  @Test
  void bytesRoundTripAndStrictness() {
    for (BigInteger a : samples().subList(0, 500)) {
      Felt252 f = Felt252.of(a);
      byte[] be = f.toBytesBE();
      assertEquals(32, be.length);
      assertEquals(a, new BigInteger(1, be));
      assertEquals(f, Felt252.fromBytesBE(be));
    }
    byte[] pBytes = new byte[32];
    byte[] raw = P.toByteArray();
    System.arraycopy(raw, 0, pBytes, 32 - raw.length, raw.length);
    assertThrows(InvalidFeltException.class, () -> Felt252.fromBytesBE(pBytes));
    assertThrows(InvalidFeltException.class, () -> Felt252.fromBytesBE(new byte[31]));
    assertThrows(InvalidFeltException.class, () -> Felt252.fromBytesBE(new byte[33]));
    byte[] one = new byte[32];
    one[31] = 1;
    assertArrayEquals(one, Felt252.ONE.toBytesBE());
  }

  @Test
  void bitwiseOpsMatchBigInteger() {
    Random rnd = new Random(3);
    for (int i = 0; i < 500; i++) {
      BigInteger a = new BigInteger(251, rnd);
      BigInteger b = new BigInteger(251, rnd);
      Felt252 fa = Felt252.of(a);
      Felt252 fb = Felt252.of(b);
      assertEquals(a.and(b), fa.and(fb).toBigInteger());
      assertEquals(a.or(b), fa.or(fb).toBigInteger());
      assertEquals(a.xor(b), fa.xor(fb).toBigInteger());
    }
    // Above 2^251 the result is reduced modulo p.
    BigInteger big = P.subtract(BigInteger.ONE);
    BigInteger other = BigInteger.ONE.shiftLeft(200);
    assertEquals(big.or(other).mod(P), Felt252.of(big).or(Felt252.of(other)).toBigInteger());
  }

  @Test
  void equalsAndHashCodeFollowValue() {
    Felt252 a = Felt252.of(123456789L).mul(Felt252.of(987654321L));
    Felt252 b = Felt252.fromHex("0x" + BigInteger.valueOf(123456789L * 987654321L).toString(16));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, b.add(Felt252.ONE));
    assertEquals(0, a.compareTo(b));
    assertTrue(Felt252.MINUS_ONE.compareTo(Felt252.ONE) > 0);
  }
}
