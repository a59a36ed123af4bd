/**
 * Merkle Mountain Ranges with 1-based node positions (the grin/mimblewimble layout used by
 * Herodotus): append, peaks, root, inclusion proofs and their verification, generic over the hash.
 *
 * <p>Two instances: the Poseidon MMR of block headers that the Herodotus indexer serves and HDP's
 * Cairo program checks (leaf = Poseidon over the header RLP as u64 little-endian felts), and a
 * Keccak MMR of block hashes for our own on-chain headers accumulator. Formulas: hdp.md §6.4.
 */
package dev.hdp.core.mmr;
