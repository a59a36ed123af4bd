package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PedersenTest {

  private static Felt252 hex(String h) {
    return Felt252.fromHex(h);
  }

  /**
   * Vectors "generated using cairo-lang" from software-mansion/starknet-jvm
   * lib/src/test/kotlin/starknet/crypto/StarknetCurveTest.kt; pedersen(1, 2) also in
   * starkware-libs/cairo corelib hash_test.cairo.
   */
  @Test
  void matchesStarknetJvmVectors() {
    Felt252 max = Felt252.MINUS_ONE;
    String[][] cases = {
      {"0x1", "0x2", "0x5bb9440e27889a364bcb678b1f679ecd1347acdedcbf36e83494f857cc58026"},
      {"0x0", "0x0", "0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804"},
      {"0x1", "0x0", "0x268a9d47dde48af4b6e2c33932ed1c13adec25555abaa837c376af4ea2f8a94"},
      {"0x0", "0x1", "0x46c9aeb066cc2f41c7124af30514f9e607137fbac950524f5fdace5788f9d43"},
      {
        max.toHex(),
        max.toHex(),
        "0x7258fccaf3371fad51b117471d9d888a1786c5694c3e6099160477b593a576e"
      },
      {
        "0x7abcde123245643903241432abcde",
        "0x791234124214214728147241242142a89b812221c21d",
        "0x440a3075f082daa47147a22a4cd0c934ef65ea13ef87bf13adf45613e12f6ee"
      },
      {
        "0x46c9aeb066cc2f41c7124af30514f9e607137fbac950524f5fdace5788f9d43",
        "0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804",
        "0x68ad69169c41c758ebd02e2fce51716497a708232a45a1b83e82fac1ade326e"
      },
      {
        "0x15d40a3d6ca2ac30f4031e42be28da9b056fef9bb7357ac5e85627ee876e5ad",
        "0x43e637ca70a5daac877cba6b57e0b9ceffc5b37d28509e46b4fd2dee968a70c",
        "0x4b9281c85cfc5ab1f4046663135329020f57c1a88a50f4423eff37dd5fe81e8"
      },
      {
        "0x0",
        "0x15d40a3d6ca2ac30f4031e42be28da9b056fef9bb7357ac5e85627ee876e5ad",
        "0x1a0c3e0f68c3ee702017fdb6452339244840eedbb70ab3d4f45e2affd1c9420"
      },
    };
    for (String[] c : cases) {
      assertEquals(hex(c[2]), Pedersen.hash(hex(c[0]), hex(c[1])), c[0] + ", " + c[1]);
    }
  }

  /** starkware-libs/crypto-cpp src/starkware/crypto/pedersen_hash_test.cc, "Correctness". */
  @Test
  void matchesCryptoCppVector() {
    assertEquals(
        hex("0x30e480bed5fe53fa909cc0f8c4d99b8f9f2c016be4c41e13a4848797979c662"),
        Pedersen.hash(
            hex("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb"),
            hex("0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31a")));
  }

  /** The table-based hash agrees with the definition computed by plain scalar multiplication. */
  @Test
  void tablesAgreeWithTheDefinition() {
    Random rnd = new Random(12);
    BigInteger lowMask = BigInteger.ONE.shiftLeft(248).subtract(BigInteger.ONE);
    BigInteger[] edges = {
      BigInteger.ZERO,
      lowMask, // every window digit at its maximum: carries all the way up
      BigInteger.ONE.shiftLeft(248).subtract(BigInteger.ONE.shiftLeft(8)),
      new BigInteger("1" + "100000000".repeat(27), 2), // digits of exactly 256
      new BigInteger("100000001".repeat(27), 2), // digits of 257: the first negative digits
      Felt252.PRIME.subtract(BigInteger.ONE)
    };
    for (int i = 0; i < 30; i++) {
      BigInteger a = i < edges.length ? edges[i] : new BigInteger(252, rnd).mod(Felt252.PRIME);
      BigInteger b =
          i < edges.length
              ? edges[edges.length - 1 - i]
              : new BigInteger(252, rnd).mod(Felt252.PRIME);
      EcPoint expected =
          StarkCurve.SHIFT_POINT
              .add(StarkCurve.pedersenPoint(0).multiply(a.and(lowMask)))
              .add(StarkCurve.pedersenPoint(1).multiply(a.shiftRight(248)))
              .add(StarkCurve.pedersenPoint(2).multiply(b.and(lowMask)))
              .add(StarkCurve.pedersenPoint(3).multiply(b.shiftRight(248)));
      assertEquals(expected.x(), Pedersen.hash(Felt252.of(a), Felt252.of(b)));
    }
  }

  /**
   * compute_hash_on_elements vectors from starknet-jvm StarknetCurveTest.kt (pedersenOnElements).
   */
  @Test
  void hashOnElementsMatchesStarknetJvm() {
    assertEquals(
        hex("0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804"),
        Pedersen.hashOnElements(List.of()));
    assertEquals(
        hex("0x7b422405da6571242dfc245a43de3b0fe695e7021c148b918cd9cdb462cac59"),
        Pedersen.hashOnElements(
            List.of(Felt252.of(123782376), Felt252.of(213984), Felt252.of(128763521321L))));
    assertEquals(
        hex("0x43e637ca70a5daac877cba6b57e0b9ceffc5b37d28509e46b4fd2dee968a70c"),
        Pedersen.hashOnElements(
            List.of(
                hex("0x15d40a3d6ca2ac30f4031e42be28da9b056fef9bb7357ac5e85627ee876e5ad"),
                hex("0x10927538dee311ae5093324fc180ab87f23bbd7bc05456a12a1a506f220db25"))));
  }

  @Test
  void hashChainIsARightFold() {
    Felt252 a = Felt252.of(5);
    Felt252 b = Felt252.of(6);
    Felt252 c = Felt252.of(7);
    assertEquals(Pedersen.hash(a, Pedersen.hash(b, c)), Pedersen.hashChain(List.of(a, b, c)));
    assertEquals(a, Pedersen.hashChain(List.of(a)));
    assertThrows(IllegalArgumentException.class, () -> Pedersen.hashChain(List.of()));
  }
}
