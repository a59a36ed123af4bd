package dev.hdp.core.mmr;

/**
 * The hash functions of one MMR flavour.
 *
 * @param <H> the node type (a felt, a 32-byte hash)
 */
public interface MmrHasher<H> {
  /** The parent of two nodes; also used to bag the peaks right to left. */
  H parent(H left, H right);

  /** The root from the MMR size (node count) and the bagged peaks. */
  H root(long size, H bag);

  /** The bag of an MMR without peaks (an empty MMR). */
  H emptyBag();
}
