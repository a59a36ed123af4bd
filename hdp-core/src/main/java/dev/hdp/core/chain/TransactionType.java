package dev.hdp.core.chain;

import java.util.Optional;

/**
 * Transaction (and receipt) types by their EIP-2718 type byte. HDP's {@code includedTypes} flags
 * cover 0–3 only; type 4 is decoded here so that a block containing one can still be read.
 */
public enum TransactionType {
  /** Untyped (RLP list): pre-EIP-155 or EIP-155. */
  LEGACY(0, 9),
  /** EIP-2930: access lists. */
  EIP2930(1, 11),
  /** EIP-1559: fee market. */
  EIP1559(2, 12),
  /** EIP-4844: blobs (the canonical form, without sidecar, as blocks hold it). */
  EIP4844(3, 14),
  /** EIP-7702: set-code authorizations. */
  EIP7702(4, 13);

  private final int id;
  private final int fieldCount;
  private final String label;

  TransactionType(int id, int fieldCount) {
    this.id = id;
    this.fieldCount = fieldCount;
    this.label = "transaction (type " + id + ")";
  }

  /** How errors name a transaction of this type. */
  String label() {
    return label;
  }

  /** The EIP-2718 type byte (0 for legacy). */
  public int id() {
    return id;
  }

  /** The number of fields of the signed transaction's RLP list. */
  int fieldCount() {
    return fieldCount;
  }

  /** The type with byte {@code id}, if known. */
  public static Optional<TransactionType> fromId(int id) {
    for (TransactionType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
