package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks the optimised permutation (folded partial-round constants, Montgomery limbs) against a
 * textbook Hades permutation written with {@link BigInteger}: add all three round constants, cube
 * (all lanes in full rounds, the last lane in partial rounds), multiply by the MDS matrix.
 */
class PoseidonReferenceTest {

  private static final BigInteger P = Felt252.PRIME;
  private static final long[][] MDS = {{3, 1, 1}, {1, -1, 1}, {1, 1, -2}};

  private static BigInteger[] referencePermute(BigInteger[] in) {
    BigInteger[] s = in.clone();
    int half = Poseidon.FULL_ROUNDS / 2;
    int rounds = Poseidon.FULL_ROUNDS + Poseidon.PARTIAL_ROUNDS;
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 3; i++) {
        s[i] = s[i].add(Poseidon.roundConstant(r, i).toBigInteger()).mod(P);
      }
      boolean full = r < half || r >= half + Poseidon.PARTIAL_ROUNDS;
      for (int i = full ? 0 : 2; i < 3; i++) {
        s[i] = s[i].modPow(BigInteger.valueOf(3), P);
      }
      BigInteger[] next = new BigInteger[3];
      for (int i = 0; i < 3; i++) {
        BigInteger acc = BigInteger.ZERO;
        for (int j = 0; j < 3; j++) {
          acc = acc.add(s[j].multiply(BigInteger.valueOf(MDS[i][j])));
        }
        next[i] = acc.mod(P);
      }
      s = next;
    }
    return s;
  }

  private static BigInteger randomElement(SplittableRandom rng) {
    // Mix uniform elements with edge values (0, 1, p-1, small) that stress carries and reductions.
    return switch (rng.nextInt(8)) {
      case 0 -> BigInteger.ZERO;
      case 1 -> P.subtract(BigInteger.valueOf(1 + rng.nextInt(4)));
      case 2 -> BigInteger.valueOf(rng.nextInt(1000));
      default -> {
        byte[] bytes = new byte[32];
        rng.nextBytes(bytes);
        yield new BigInteger(1, bytes).mod(P);
      }
    };
  }

  @Test
  void permutationMatchesTextbookHadesOnSeededRandomStates() {
    SplittableRandom rng = new SplittableRandom(0x5eed_2026L);
    for (int n = 0; n < 2000; n++) {
      BigInteger[] in = {randomElement(rng), randomElement(rng), randomElement(rng)};
      BigInteger[] expected = referencePermute(in);
      Felt252[] actual = Poseidon.permute(Felt252.of(in[0]), Felt252.of(in[1]), Felt252.of(in[2]));
      for (int i = 0; i < 3; i++) {
        assertEquals(expected[i], actual[i].toBigInteger(), "state " + n + " element " + i);
      }
    }
  }
}
