package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;

/**
 * A transaction that must take effect once, as {@link SendOnce} needs to see it: a way to check the
 * target for the effect, to sign without sending (so that the hash is recorded first), to send
 * (again) and to ask about a sent transaction.
 */
public interface SideEffect {
  /** A signed transaction not yet sent: its hash and its raw bytes as hex. */
  record Signed(Bytes32 hash, String raw) {}

  /** What the chain says about a sent transaction. */
  enum Status {
    /** Mined and succeeded. */
    MINED,
    /** Mined and reverted. */
    REVERTED,
    /** Known to the node, not mined yet. */
    PENDING,
    /** Not known at all (never arrived, or dropped). */
    UNKNOWN
  }

  /** True when the target already shows the effect (for instance {@code isValid(fact)}). */
  boolean applied();

  /** Signs the transaction without sending it. */
  Signed sign();

  /** Sends a signed transaction; sending the same one again must be harmless (same nonce). */
  void send(Signed transaction);

  Status status(Bytes32 txHash);
}
