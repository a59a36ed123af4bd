package dev.hdp.preprocess.source.rpc;

import dev.hdp.core.task.ChainId;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.HeaderWithProof;

/**
 * Where the MMR inclusion proofs of headers come from, for a source that reads the headers
 * themselves from a node: our {@code HeadersAccumulator} index (Keccak) or Herodotus' indexer
 * (Poseidon).
 */
public interface HeaderProofProvider {
  /**
   * The proof that the header with this RLP (already checked against the node's block hash) is in
   * an MMR.
   *
   * @throws ChainDataException when the block is not in the MMR, or the provider fails
   */
  HeaderWithProof prove(ChainId chainId, long blockNumber, byte[] rlp);

  /** Announces the blocks about to be proven, so that ranges can be fetched at once. */
  default void prefetch(ChainId chainId, long[] blockNumbers) {}
}
