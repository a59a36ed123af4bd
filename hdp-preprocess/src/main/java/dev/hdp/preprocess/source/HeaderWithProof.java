package dev.hdp.preprocess.source;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.mmr.MmrHashing;
import dev.hdp.core.output.MmrMeta;
import java.util.List;
import java.util.Objects;

/**
 * A block header's RLP and the claim that it sits at node {@code position} (1-based) of the MMR
 * described by {@code mmr}, with the sibling hashes from the leaf up to its peak. {@code hashing}
 * says how the MMR hashes: for {@link MmrHashing#POSEIDON} the leaf is the Poseidon hash of the
 * RLP's chunks and the words are felts, for {@link MmrHashing#KECCAK} the leaf is the block hash.
 */
public record HeaderWithProof(
    byte[] rlp, MmrMeta mmr, long position, List<Bytes32> path, MmrHashing hashing) {
  /** Copies the arrays and lists. */
  public HeaderWithProof {
    Objects.requireNonNull(mmr, "mmr");
    Objects.requireNonNull(hashing, "hashing");
    rlp = rlp.clone();
    path = List.copyOf(path);
  }

  @Override
  public byte[] rlp() {
    return rlp.clone();
  }
}
