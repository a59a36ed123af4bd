package dev.hdp.preprocess.source;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.output.MmrMeta;
import java.util.List;
import java.util.Objects;

/**
 * A block header's RLP and the claim that it sits at node {@code position} (1-based) of the MMR
 * described by {@code mmr}, with the sibling hashes from the leaf up to its peak.
 */
public record HeaderWithProof(byte[] rlp, MmrMeta mmr, long position, List<Bytes32> path) {
  /** Copies the arrays and lists. */
  public HeaderWithProof {
    Objects.requireNonNull(mmr, "mmr");
    rlp = rlp.clone();
    path = List.copyOf(path);
  }

  @Override
  public byte[] rlp() {
    return rlp.clone();
  }
}
