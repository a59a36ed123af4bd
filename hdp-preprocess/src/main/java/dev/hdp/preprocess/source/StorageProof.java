package dev.hdp.preprocess.source;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import java.util.List;
import java.util.Objects;

/**
 * The storage-proof nodes of one slot at a block (root first), with the account proof that gives
 * the storage root they are checked against.
 */
public record StorageProof(
    Address address, Bytes32 slot, long blockNumber, AccountProof account, List<byte[]> nodes) {
  /** Copies the node arrays. */
  public StorageProof {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(account, "account");
    nodes = nodes.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<byte[]> nodes() {
    return nodes.stream().map(byte[]::clone).toList();
  }
}
