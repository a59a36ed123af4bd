package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;

/** Where a batch request came from. */
public sealed interface BatchSource {
  /** A {@code Task…Scheduled} event; (transaction, log index) identifies it across restarts. */
  record OnChain(Bytes32 txHash, long logIndex, long blockNumber) implements BatchSource {
    public OnChain {
      if (logIndex < 0 || blockNumber < 0) {
        throw new IllegalArgumentException(
            "negative log index " + logIndex + " or block " + blockNumber);
      }
    }
  }

  /** A {@code SubmitBatchQuery} POST; {@code client} names the caller (API key id or address). */
  record Http(String client) implements BatchSource {
    public Http {
      if (client.isBlank() || client.length() > 200) {
        throw new IllegalArgumentException("HTTP client name must be 1–200 characters");
      }
    }
  }
}
