package dev.hdp.core.chain;

/**
 * HDP's transaction fields and their ids ({@code hdp/src/primitives/task/datalake/transactions/
 * rlp_fields.rs}). The ids are HDP's own numbering, not RLP positions.
 */
public enum TransactionField {
  NONCE,
  GAS_PRICE,
  GAS_LIMIT,
  TO,
  VALUE,
  INPUT,
  V,
  R,
  S,
  CHAIN_ID,
  ACCESS_LIST,
  MAX_FEE_PER_GAS,
  MAX_PRIORITY_FEE_PER_GAS,
  BLOB_VERSIONED_HASHES,
  MAX_FEE_PER_BLOB_GAS;

  private static final TransactionField[] BY_ID = values();

  /** HDP's id. */
  public int id() {
    return ordinal();
  }

  /**
   * The field with HDP id {@code id}.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static TransactionField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new IllegalArgumentException("unknown transaction field id " + id);
    }
    return BY_ID[id];
  }
}
