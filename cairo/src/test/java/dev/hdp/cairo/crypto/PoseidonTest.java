package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoseidonTest {

  private static Felt252 dec(String decimal) {
    return Felt252.of(new BigInteger(decimal));
  }

  private static Felt252 hex(String hex) {
    return Felt252.fromHex(hex);
  }

  /**
   * hades_permutation(1, 2, 3) from starkware-libs/cairo corelib/src/test/hash_test.cairo (also
   * lambdaclass cairo-vm cairo_programs/poseidon_builtin.cairo).
   */
  @Test
  void permutationMatchesCorelibVector() {
    Felt252[] out = Poseidon.permute(Felt252.of(1), Felt252.of(2), Felt252.of(3));
    assertArrayEquals(
        new Felt252[] {
          dec("442682200349489646213731521593476982257703159825582578145778919623645026501"),
          dec("2233832504250924383748553933071188903279928981104663696710686541536735838182"),
          dec("2512222140811166287287541003826449032093371832913959128171347018667852712082")
        },
        out);
    assertArrayEquals(
        out, Poseidon.permute(new Felt252[] {Felt252.of(1), Felt252.of(2), Felt252.of(3)}));
    assertThrows(IllegalArgumentException.class, () -> Poseidon.permute(new Felt252[2]));
  }

  /**
   * Round constants are sha256("Hades" + k) mod p; spot-check one against an independent digest.
   */
  @Test
  void roundConstantsAreTheHadesDigests() throws Exception {
    var sha = java.security.MessageDigest.getInstance("SHA-256");
    for (int k : new int[] {0, 1, 2, 150, 272}) {
      BigInteger expected =
          new BigInteger(
                  1, sha.digest(("Hades" + k).getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
              .mod(Felt252.PRIME);
      assertEquals(expected, Poseidon.roundConstant(k / 3, k % 3).toBigInteger());
    }
    assertNotEquals(Poseidon.roundConstant(0, 0), Poseidon.roundConstant(0, 1));
  }

  /**
   * poseidon_hash / poseidon_hash_single vectors from software-mansion/starknet-jvm
   * PoseidonTest.kt.
   */
  @Test
  void hashAndHashSingleMatchStarknetJvmVectors() {
    Felt252 big = dec("737869762948382064636737869762948382064636737869762948382064636");
    assertEquals(
        hex("0x60009f680a43e6f760790f76214b26243464cdd4f31fdc460baf66d32897c1b"),
        Poseidon.hashSingle(Felt252.ZERO));
    assertEquals(
        hex("0x6d226d4c804cd74567f5ac59c6a4af1fe2a6eced19fb7560a9124579877da25"),
        Poseidon.hashSingle(Felt252.ONE));
    assertEquals(
        hex("0x1580978ed34d52bfbc78c9f21da6e9df1ed6544bf1dd561616b0aba45a40380"),
        Poseidon.hashSingle(big));
    assertEquals(
        hex("0x293d3e8a80f400daaaffdd5932e2bcc8814bab8f414a75dcacf87318f8b14c5"),
        Poseidon.hash(Felt252.ZERO, Felt252.ZERO));
    assertEquals(
        hex("0x59c0ba54a2613d811726e10be9d6f7e01cf52d6d68ced0d16829027948cdfc3"),
        Poseidon.hash(big, big));
  }

  /**
   * poseidon_hash_many vectors: starknet-jvm PoseidonTest.kt (three elements) and
   * starkware-libs/cairo corelib hash_test.cairo poseidon_hash_span (odd and even counts).
   */
  @Test
  void hashManyMatchesPublishedVectors() {
    Felt252 v1 = dec("737869762948382064636737869762948382064636737869762948382064636");
    Felt252 v2 = dec("948382064636737869762948382064636737869762948382064636737869762");
    assertEquals(
        hex("0x29aee7812642221479b7e8af204ceaa5a7b7e113349fc8fb93e6303b477eb4d"),
        Poseidon.hashMany(Felt252.ZERO, Felt252.ZERO, Felt252.ZERO));
    assertEquals(
        hex("0x53aa661c2388b74f48a16163c38893760e26884211599194ffe264f14b5c6e7"),
        Poseidon.hashMany(Felt252.of(10), Felt252.of(8), Felt252.of(5)));
    assertEquals(
        hex("0xdaa82261a460722d8deb7d3bb2cb1838084887549df141540b6d88658d34ed"),
        Poseidon.hashMany(v1, v2, v1));
    assertEquals(
        hex("0x2f0d8840bcf3bc629598d8a6cc80cb7c0d9e52d93dab244bbf9cd0dca0ad082"),
        Poseidon.hashMany(Felt252.of(1), Felt252.of(2), Felt252.of(3)));
    assertEquals(
        hex("0x26e3ad8b876e02bc8a4fc43dad40a8f81a6384083cabffa190bcf40d512ae1d"),
        Poseidon.hashMany(List.of(Felt252.of(1), Felt252.of(2), Felt252.of(3), Felt252.of(4))));
  }

  /** The sponge definition: hash_many of n values equals the spelled-out absorb loop. */
  @Test
  void hashManyIsTheRateTwoSponge() {
    for (int n = 0; n < 7; n++) {
      List<Felt252> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        values.add(Felt252.of(1000 + 7L * i).square());
      }
      List<Felt252> padded = new ArrayList<>(values);
      padded.add(Felt252.ONE);
      if (padded.size() % 2 == 1) {
        padded.add(Felt252.ZERO);
      }
      Felt252[] s = {Felt252.ZERO, Felt252.ZERO, Felt252.ZERO};
      for (int i = 0; i < padded.size(); i += 2) {
        s = Poseidon.permute(s[0].add(padded.get(i)), s[1].add(padded.get(i + 1)), s[2]);
      }
      assertEquals(s[0], Poseidon.hashMany(values), "n=" + n);
    }
  }
}
