package dev.hdp.cairo.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * StarkWare's Poseidon hash over the STARK field (as used by Starknet and the Cairo poseidon
 * builtin): the Hades permutation on a width-3 state with 8 full rounds (4 before, 4 after) and 83
 * partial rounds, S-box {@code x^3}, MDS matrix {@code [[3,1,1],[1,-1,1],[1,1,-2]]}.
 *
 * <p>The round constants are derived at class initialisation exactly as StarkWare's {@code
 * poseidon_utils.py} does: constant {@code k} (for round {@code k/3}, element {@code k%3}) is
 * {@code int(sha256("Hades" + str(k))) mod p}.
 */
public final class Poseidon {

  /** Full rounds in total (half before and half after the partial rounds). */
  public static final int FULL_ROUNDS = 8;

  /** Partial rounds (S-box on the last element only). */
  public static final int PARTIAL_ROUNDS = 83;

  private static final int ROUNDS = FULL_ROUNDS + PARTIAL_ROUNDS;

  /** Round constants, three per round, in round order. */
  private static final Felt252[] RC = deriveRoundConstants();

  private Poseidon() {}

  private static Felt252[] deriveRoundConstants() {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    Felt252[] rc = new Felt252[3 * ROUNDS];
    for (int k = 0; k < rc.length; k++) {
      byte[] digest = sha256.digest(("Hades" + k).getBytes(StandardCharsets.US_ASCII));
      rc[k] = Felt252.reduce(new BigInteger(1, digest));
    }
    return rc;
  }

  /** The round constant for {@code round} (0 to 90) and state element {@code element} (0 to 2). */
  public static Felt252 roundConstant(int round, int element) {
    return RC[3 * round + element];
  }

  /**
   * The Hades permutation of {@code (s0, s1, s2)}.
   *
   * @return a new array of the three output elements
   */
  public static Felt252[] permute(Felt252 s0, Felt252 s1, Felt252 s2) {
    Felt252[] state = {s0, s1, s2};
    permuteInPlace(state);
    return state;
  }

  /**
   * The Hades permutation of a three-element state, returned as a new array.
   *
   * @throws IllegalArgumentException if {@code state} does not have exactly three elements
   */
  public static Felt252[] permute(Felt252[] state) {
    if (state.length != 3) {
      throw new IllegalArgumentException(
          "Poseidon state must have 3 elements, got " + state.length);
    }
    return permute(state[0], state[1], state[2]);
  }

  /** Applies the Hades permutation to {@code state[0..2]} in place. */
  static void permuteInPlace(Felt252[] state) {
    Felt252 a = state[0];
    Felt252 b = state[1];
    Felt252 c = state[2];
    int k = 0;
    for (int r = 0; r < ROUNDS; r++, k += 3) {
      a = a.add(RC[k]);
      b = b.add(RC[k + 1]);
      c = c.add(RC[k + 2]);
      boolean full = r < FULL_ROUNDS / 2 || r >= FULL_ROUNDS / 2 + PARTIAL_ROUNDS;
      if (full) {
        a = a.square().mul(a);
        b = b.square().mul(b);
      }
      c = c.square().mul(c);
      // MDS [[3,1,1],[1,-1,1],[1,1,-2]]: with t = a+b+c, rows are t+2a, t-2b, t-3c.
      Felt252 t = a.add(b).add(c);
      Felt252 na = t.add(a.twice());
      Felt252 nb = t.sub(b.twice());
      Felt252 nc = t.sub(c.twice().add(c));
      a = na;
      b = nb;
      c = nc;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
  }

  /** {@code poseidon_hash(x, y)}: the first element of {@code hades(x, y, 2)}. */
  public static Felt252 hash(Felt252 x, Felt252 y) {
    Felt252[] s = {x, y, Felt252.TWO};
    permuteInPlace(s);
    return s[0];
  }

  /** {@code poseidon_hash_single(x)}: the first element of {@code hades(x, 0, 1)}. */
  public static Felt252 hashSingle(Felt252 x) {
    Felt252[] s = {x, Felt252.ZERO, Felt252.ONE};
    permuteInPlace(s);
    return s[0];
  }

  /**
   * {@code poseidon_hash_many(values)}: a rate-2 sponge over the values followed by a 1 and, if
   * needed, a 0 to make the length even; each pair is added into {@code s0, s1} before a
   * permutation. Returns {@code s0}.
   */
  public static Felt252 hashMany(Felt252... values) {
    return hashMany(List.of(values));
  }

  /** {@code poseidon_hash_many(values)}, see {@link #hashMany(Felt252...)}. */
  public static Felt252 hashMany(List<Felt252> values) {
    Felt252[] s = {Felt252.ZERO, Felt252.ZERO, Felt252.ZERO};
    int n = values.size();
    int i = 0;
    for (; i + 1 < n; i += 2) {
      s[0] = s[0].add(values.get(i));
      s[1] = s[1].add(values.get(i + 1));
      permuteInPlace(s);
    }
    if (i < n) {
      s[0] = s[0].add(values.get(i));
      s[1] = s[1].add(Felt252.ONE);
    } else {
      s[0] = s[0].add(Felt252.ONE);
    }
    permuteInPlace(s);
    return s[0];
  }
}
