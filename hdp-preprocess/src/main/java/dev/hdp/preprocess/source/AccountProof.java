package dev.hdp.preprocess.source;

import dev.hdp.core.bytes.Address;
import java.util.List;
import java.util.Objects;

/** The {@code eth_getProof} account-proof nodes of an address at a block, root first. */
public record AccountProof(Address address, long blockNumber, List<byte[]> nodes) {
  /** Copies the node arrays. */
  public AccountProof {
    Objects.requireNonNull(address, "address");
    nodes = nodes.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<byte[]> nodes() {
    return nodes.stream().map(byte[]::clone).toList();
  }
}
