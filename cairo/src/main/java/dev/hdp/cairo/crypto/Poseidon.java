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
    MutableFelt a = new MutableFelt(state[0]);
    MutableFelt b = new MutableFelt(state[1]);
    MutableFelt c = new MutableFelt(state[2]);
    permute(a, b, c, new MutableFelt(), new MutableFelt());
    state[0] = a.toFelt();
    state[1] = b.toFelt();
    state[2] = c.toFelt();
  }

  /**
   * The permutation on mutable state {@code (a, b, c)}, with two scratch elements. Partial rounds
   * use {@link #PARTIAL_RC}: the constants a partial round would add to {@code a} and {@code b} do
   * not pass through an S-box in that round, so they are carried forward through the linear layer
   * and only their effect on {@code c} is added each round, with the remainder added once after the
   * last partial round. This is the same function with two thirds fewer constant additions.
   */
  static void permute(MutableFelt a, MutableFelt b, MutableFelt c, MutableFelt t, MutableFelt u) {
    fullRounds(a, b, c, t, u, 0);
    // Partial rounds track (a, σ = a + b) instead of (a, b). With x the cube of c, the MDS rows
    // give a' = 2a + σ + x, σ' = a' + b' = 2(2a + x) and c' = σ - 2x (plus the next round's folded
    // constant): seven additions per round instead of nine, and b = σ - a at the end.
    MutableFelt sigma = b.add(a, b);
    c.add(c, PARTIAL_RC[0]);
    for (int r = 0; r < PARTIAL_ROUNDS; r++) {
      cube(c, t);
      t.twice(a).add(t, c); // y = 2a + x
      u.twice(c);
      if (r + 1 < PARTIAL_ROUNDS) {
        c.add(sigma, PARTIAL_RC[r + 1]);
        c.sub(c, u);
      } else {
        c.sub(sigma, u);
      }
      a.add(t, sigma);
      sigma.twice(t);
    }
    b.sub(sigma, a);
    a.add(a, PARTIAL_TAIL[0]);
    b.add(b, PARTIAL_TAIL[1]);
    c.add(c, PARTIAL_TAIL[2]);
    fullRounds(a, b, c, t, u, 3 * (FULL_ROUNDS / 2 + PARTIAL_ROUNDS));
  }

  /** Half of the full rounds, starting with round constant {@code k}. */
  private static void fullRounds(
      MutableFelt a, MutableFelt b, MutableFelt c, MutableFelt t, MutableFelt u, int k) {
    for (int r = 0; r < FULL_ROUNDS / 2; r++, k += 3) {
      a.add(a, RC_M[k]);
      b.add(b, RC_M[k + 1]);
      c.add(c, RC_M[k + 2]);
      cube(a, t);
      cube(b, t);
      cube(c, t);
      mix(a, b, c, t, u);
    }
  }

  private static void cube(MutableFelt x, MutableFelt t) {
    t.square(x);
    x.mul(x, t);
  }

  /** MDS [[3,1,1],[1,-1,1],[1,1,-2]]: with t = a+b+c, the rows are t+2a, t-2b, t-3c. */
  private static void mix(
      MutableFelt a, MutableFelt b, MutableFelt c, MutableFelt t, MutableFelt u) {
    t.add(a, b).add(t, c);
    u.twice(a);
    a.add(t, u);
    u.twice(b);
    b.sub(t, u);
    u.twice(c).add(u, c);
    c.sub(t, u);
  }

  /** The MDS matrix applied to a constant vector (used only to fold constants at class init). */
  private static Felt252[] mixConstant(Felt252 a, Felt252 b, Felt252 c) {
    Felt252 t = a.add(b).add(c);
    return new Felt252[] {t.add(a.twice()), t.sub(b.twice()), t.sub(c.twice().add(c))};
  }

  private static final MutableFelt[] RC_M;
  private static final MutableFelt[] PARTIAL_RC = new MutableFelt[PARTIAL_ROUNDS];
  private static final MutableFelt[] PARTIAL_TAIL = new MutableFelt[3];

  static {
    RC_M = new MutableFelt[RC.length];
    for (int i = 0; i < RC.length; i++) {
      RC_M[i] = new MutableFelt(RC[i]);
    }
    // Fold the a/b constants of the partial rounds forward (see permute).
    Felt252 da = Felt252.ZERO;
    Felt252 db = Felt252.ZERO;
    Felt252 dc = Felt252.ZERO;
    int k = 3 * (FULL_ROUNDS / 2);
    for (int r = 0; r < PARTIAL_ROUNDS; r++, k += 3) {
      Felt252 ea = da.add(RC[k]);
      Felt252 eb = db.add(RC[k + 1]);
      Felt252 ec = dc.add(RC[k + 2]);
      PARTIAL_RC[r] = new MutableFelt(ec);
      Felt252[] carried = mixConstant(ea, eb, Felt252.ZERO);
      da = carried[0];
      db = carried[1];
      dc = carried[2];
    }
    PARTIAL_TAIL[0] = new MutableFelt(da);
    PARTIAL_TAIL[1] = new MutableFelt(db);
    PARTIAL_TAIL[2] = new MutableFelt(dc);
  }

  /** {@code poseidon_hash(x, y)}: the first element of {@code hades(x, y, 2)}. */
  public static Felt252 hash(Felt252 x, Felt252 y) {
    MutableFelt a = new MutableFelt(x);
    permute(
        a, new MutableFelt(y), new MutableFelt(Felt252.TWO), new MutableFelt(), new MutableFelt());
    return a.toFelt();
  }

  /** {@code poseidon_hash_single(x)}: the first element of {@code hades(x, 0, 1)}. */
  public static Felt252 hashSingle(Felt252 x) {
    MutableFelt a = new MutableFelt(x);
    permute(
        a, new MutableFelt(), new MutableFelt(Felt252.ONE), new MutableFelt(), new MutableFelt());
    return a.toFelt();
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
    MutableFelt a = new MutableFelt();
    MutableFelt b = new MutableFelt();
    MutableFelt c = new MutableFelt();
    MutableFelt t = new MutableFelt();
    MutableFelt u = new MutableFelt();
    int n = values.size();
    int i = 0;
    for (; i + 1 < n; i += 2) {
      a.add(a, t.set(values.get(i)));
      b.add(b, t.set(values.get(i + 1)));
      permute(a, b, c, t, u);
    }
    if (i < n) {
      a.add(a, t.set(values.get(i)));
      b.add(b, t.set(Felt252.ONE));
    } else {
      a.add(a, t.set(Felt252.ONE));
    }
    permute(a, b, c, t, u);
    return a.toFelt();
  }
}
