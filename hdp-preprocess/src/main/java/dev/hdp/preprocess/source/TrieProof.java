package dev.hdp.preprocess.source;

import java.util.List;

/**
 * Trie-proof nodes (root first) for the transaction or receipt at {@code index} of a block; the key
 * in the trie is {@code rlp(index)}.
 */
public record TrieProof(long blockNumber, long index, List<byte[]> nodes) {
  /** Copies the node arrays. */
  public TrieProof {
    if (index < 0) {
      throw new IllegalArgumentException("negative transaction index " + index);
    }
    nodes = nodes.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<byte[]> nodes() {
    return nodes.stream().map(byte[]::clone).toList();
  }
}
