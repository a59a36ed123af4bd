package dev.hdp.core.mmr;

/**
 * The hash function of a header MMR, which decides how a header becomes a leaf: {@link #POSEIDON}
 * for Herodotus' accumulators (leaf = Poseidon of the RLP's 8-byte chunks, {@link PoseidonMmr}),
 * {@link #KECCAK} for our on-chain {@code HeadersAccumulator} (leaf = the block hash, {@link
 * KeccakMmr}).
 */
public enum MmrHashing {
  /** Herodotus' Poseidon MMR over felts. */
  POSEIDON,
  /** The Keccak MMR of block hashes. */
  KECCAK
}
