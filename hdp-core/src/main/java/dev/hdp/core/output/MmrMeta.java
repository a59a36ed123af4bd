package dev.hdp.core.output;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.task.ChainId;
import java.util.List;

/**
 * A header MMR a batch was proven against: its id, size (number of nodes), chain, root and peaks.
 * For Herodotus' Poseidon MMRs the root and peaks are field elements held as 32-byte words.
 */
public record MmrMeta(long id, long size, ChainId chainId, Bytes32 root, List<Bytes32> peaks) {
  public MmrMeta {
    if (id < 0 || size < 0) {
      throw new IllegalArgumentException("MMR id and size must be >= 0: " + id + ", " + size);
    }
    if (chainId == null || root == null) {
      throw new IllegalArgumentException("MMR chain id or root is missing");
    }
    peaks = List.copyOf(peaks);
  }
}
