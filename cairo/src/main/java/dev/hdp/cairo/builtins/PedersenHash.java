package dev.hdp.cairo.builtins;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;

/** The Pedersen hash the builtin computes (the crypto package's). */
final class PedersenHash {
  private PedersenHash() {}

  static Felt252 hash(Felt252 x, Felt252 y) {
    return Pedersen.hash(x, y);
  }
}
