package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StarkCurveTest {

  private static Felt252 hex(String h) {
    return Felt252.fromHex(h);
  }

  private static BigInteger big(String h) {
    return new BigInteger(h.substring(2), 16);
  }

  @Test
  void piDigitsStartCorrectly() {
    assertEquals("31415926535897932384626433832795028841971693993751", PiDigits.first(50));
    // The first 50 digits equal a prefix of a longer computation (guard digits work).
    assertEquals(PiDigits.first(50), PiDigits.first(600).substring(0, 50));
  }

  /** β, shift point and generator as asserted in cairo-lang crypto/signature/signature.py. */
  @Test
  void derivedConstantsMatchStarkWare() {
    assertEquals(
        hex("0x6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89"), StarkCurve.BETA);
    assertEquals(
        EcPoint.of(
            hex("0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804"),
            hex("0x3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268a")),
        StarkCurve.SHIFT_POINT);
    assertEquals(
        EcPoint.of(
            hex("0x1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca"),
            hex("0x5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1f")),
        StarkCurve.GENERATOR);
  }

  /**
   * Pedersen points P0..P3: pedersen_params.json CONSTANT_POINTS[2], [250], [254], [502] of
   * starkware-libs/cairo-lang, as also listed by StarkWare's crypto-cpp and lambdaworks tests.
   */
  @Test
  void pedersenPointsMatchPublishedValues() {
    String[][] expected = {
      {
        "0x234287dcbaffe7f969c748655fca9e58fa8120b6d56eb0c1080d17957ebe47b",
        "0x3b056f100f96fb21e889527d41f4e39940135dd7a6c94cc6ed0268ee89e5615"
      },
      {
        "0x4fa56f376c83db33f9dab2656558f3399099ec1de5e3018b7a6932dba8aa378",
        "0x3fa0984c931c9e38113e0c0e47e4401562761f92a7a23b45168f4e80ff5b54d"
      },
      {
        "0x4ba4cc166be8dec764910f75b45f74b40c690c74709e90f3aa372f0bd2d6997",
        "0x40301cf5c1751f4b971e46c4ede85fcac5c59a5ce5ae7c48151f27b24b219c"
      },
      {
        "0x54302dcb0e6cc1c6e44cca8f61a63bb2ca65048d53fb325d36ff12c49a58202",
        "0x1b77b3e37d13504b348046268d8ae25ce98ad783c25561a879dcc77e99c2426"
      }
    };
    for (int i = 0; i < 4; i++) {
      assertEquals(
          EcPoint.of(hex(expected[i][0]), hex(expected[i][1])),
          StarkCurve.pedersenPoint(i),
          "P" + i);
      assertTrue(StarkCurve.pedersenPoint(i).isOnCurve());
    }
  }

  @Test
  void orderIsPrimeAndAnnihilatesTheGenerator() {
    assertTrue(StarkCurve.ORDER.isProbablePrime(64));
    assertTrue(StarkCurve.GENERATOR.multiply(StarkCurve.ORDER).isInfinity());
    assertEquals(
        StarkCurve.GENERATOR.negate(),
        StarkCurve.GENERATOR.multiply(StarkCurve.ORDER.subtract(BigInteger.ONE)));
    assertTrue(StarkCurve.SHIFT_POINT.multiply(StarkCurve.ORDER).isInfinity());
  }

  @Test
  void groupLawIsConsistent() {
    Random rnd = new Random(99);
    EcPoint g = StarkCurve.GENERATOR;
    for (int i = 0; i < 20; i++) {
      BigInteger a = new BigInteger(252, rnd);
      BigInteger b = new BigInteger(252, rnd);
      EcPoint pa = g.multiply(a);
      EcPoint pb = g.multiply(b);
      assertTrue(pa.isOnCurve());
      assertEquals(g.multiply(a.add(b)), pa.add(pb));
      assertEquals(g.multiply(a.shiftLeft(1)), pa.twice());
      assertEquals(pa.twice(), pa.add(pa));
      assertTrue(pa.add(pa.negate()).isInfinity());
      assertEquals(pa, pa.add(EcPoint.INFINITY));
      assertEquals(g.multiply(a.negate()), pa.negate());
    }
  }

  /** Private/public key pair from software-mansion/starknet-jvm StarknetCurveTest.kt. */
  @Test
  void publicKeyIsPrivateKeyTimesGenerator() {
    BigInteger priv = big("0x4070e7abfa479cf8a30d38895e93800a88862c4a65aa00e2b11495998818046");
    assertEquals(
        hex("0x7697f8f9a4c3e2b1efd882294462fda2ca9c439d02a3a04cf0a0cdb627f11ee"),
        StarkCurve.GENERATOR.multiply(priv).x());
  }

  /**
   * Signatures from software-mansion/starknet-jvm StarknetCurveTest.kt (checked with cairo-lang).
   */
  @Test
  void ecdsaVerifiesPublishedSignatures() {
    Felt252 pub = hex("0x7697f8f9a4c3e2b1efd882294462fda2ca9c439d02a3a04cf0a0cdb627f11ee");
    BigInteger r = big("0x66f8955f5c4cbad5c21905ca2a968bc32a183e81069b851b7fc388eceaf57f1");
    BigInteger s = big("0x13d5af50c934213f27a8cc5863aa304165aa886487fcc575fe6e1228879f9fe");
    assertTrue(StarkCurve.verifyEcdsa(pub, Felt252.ONE, r, s));
    assertFalse(StarkCurve.verifyEcdsa(pub, Felt252.ONE, s, r));
    assertFalse(StarkCurve.verifyEcdsa(pub, Felt252.TWO, r, s));

    Felt252 hash = hex("0x052fc40e34aee86948cd47e1a0096fa67df8410f81421f314a1eb18102251a82");
    assertTrue(
        StarkCurve.verifyEcdsa(
            pub,
            hash,
            big("0x76a835cfbccd598b9429f6fce09acace91001abcfa68c36022e42dbdb024385"),
            big("0x198ef0ca145ad0fbd175426788d9a7c84de3764f51bfc0fe0579caca660bfe4")));
    assertTrue(
        StarkCurve.verifyEcdsa(
            pub,
            hash,
            big("0x674a535c0b84fbabd8df411908842bb56d40e9c21197e95aafe9433e7807b8c"),
            big("0x5eed1e83d0df6a22f1cd168331ae85a4c3b74022f3065531488ed0aaa5b0b3")));
    assertFalse(StarkCurve.verifyEcdsa(pub, hash, BigInteger.ZERO, BigInteger.ONE));
    assertFalse(StarkCurve.verifyEcdsa(pub, hash, BigInteger.ONE, StarkCurve.ORDER));
  }

  @Test
  void ecOpComputesPPlusMTimesQ() {
    Random rnd = new Random(4);
    EcPoint p = StarkCurve.SHIFT_POINT;
    EcPoint q = StarkCurve.GENERATOR;
    for (int i = 0; i < 5; i++) {
      BigInteger m = new BigInteger(251, rnd);
      assertEquals(p.add(q.multiply(m)), StarkCurve.ecOp(p, q, m, 256));
    }
    // P = Q: the first round sees two points with the same x.
    assertThrows(
        EcArithmeticException.class, () -> StarkCurve.ecOp(q, q, BigInteger.valueOf(3), 256));
    // P = 2Q, m = 2: round 0 skips the add, round 1 compares P with the doubled point 2Q.
    assertThrows(
        EcArithmeticException.class,
        () -> StarkCurve.ecOp(q.twice(), q, BigInteger.valueOf(2), 256));
    assertThrows(
        EcArithmeticException.class, () -> StarkCurve.ecOp(p, q, BigInteger.ONE.shiftLeft(10), 8));
  }

  @Test
  void recoverYFindsCurvePoints() {
    EcPoint g = StarkCurve.GENERATOR;
    Felt252 y = StarkCurve.recoverY(g.x()).orElseThrow();
    assertTrue(y.equals(g.y()) || y.equals(g.y().neg()));
    int missing = 0;
    for (int i = 0; i < 20; i++) {
      if (StarkCurve.recoverY(Felt252.of(i)).isEmpty()) {
        missing++;
      }
    }
    assertTrue(missing > 0 && missing < 20);
    assertThrows(IllegalArgumentException.class, () -> EcPoint.onCurve(Felt252.ONE, Felt252.ONE));
  }
}
