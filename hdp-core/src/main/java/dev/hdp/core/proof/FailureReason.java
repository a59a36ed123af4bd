package dev.hdp.core.proof;

/** Why a proof did not verify. One enum for every proof kind, so callers handle one family. */
public enum FailureReason {
  // Merkle-Patricia proofs
  /** The proof has no nodes but the root is not the empty-trie root. */
  EMPTY_PROOF,
  /** The first node does not hash to the expected root. */
  ROOT_MISMATCH,
  /** A node does not hash to the reference its parent holds. */
  NODE_HASH_MISMATCH,
  /** A node is not canonical RLP, or not a branch (17 items), extension or leaf (2 items). */
  MALFORMED_NODE,
  /** The path continues through a hash reference but the proof has no more nodes. */
  MISSING_NODE,
  /** Nodes remain after the path ended at a value or at proven absence. */
  UNUSED_NODES,
  /** The proven value is not what the trie holds for this kind of key (account, slot, tx…). */
  MALFORMED_VALUE,

  // MMR proofs
  /** The MMR size is not the size of any MMR (not a sum of distinct perfect mountains). */
  INVALID_MMR_SIZE,
  /** The element position is zero, past the MMR size, or not a leaf. */
  INVALID_ELEMENT_POSITION,
  /** The number of peaks does not match the MMR size. */
  PEAK_COUNT_MISMATCH,
  /** The peaks, bagged with the size, do not give the MMR root. */
  MMR_ROOT_MISMATCH,
  /** The path has more siblings than the element's mountain is high, or fewer. */
  WRONG_PATH_LENGTH,
  /** Walking the path from the element does not end at the peak of its mountain. */
  PEAK_MISMATCH,
  /** The element is not the hash of the data it claims to commit to. */
  ELEMENT_HASH_MISMATCH,

  // Block data against headers
  /** A header's hash or field does not match what it was checked against. */
  HEADER_MISMATCH
}
