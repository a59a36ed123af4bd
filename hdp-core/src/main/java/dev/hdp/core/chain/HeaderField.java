package dev.hdp.core.chain;

/**
 * HDP's block header fields; the id is the field's position in the header RLP list and the byte HDP
 * puts in a sampled header property ({@code 0x01 || id}).
 */
public enum HeaderField {
  PARENT_HASH,
  OMMERS_HASH,
  BENEFICIARY,
  STATE_ROOT,
  TRANSACTIONS_ROOT,
  RECEIPTS_ROOT,
  LOGS_BLOOM,
  DIFFICULTY,
  NUMBER,
  GAS_LIMIT,
  GAS_USED,
  TIMESTAMP,
  EXTRA_DATA,
  MIX_HASH,
  NONCE,
  BASE_FEE_PER_GAS,
  WITHDRAWALS_ROOT,
  BLOB_GAS_USED,
  EXCESS_BLOB_GAS,
  PARENT_BEACON_BLOCK_ROOT;

  private static final HeaderField[] BY_ID = values();

  /** HDP's id: the RLP position. */
  public int id() {
    return ordinal();
  }

  /**
   * The field with HDP id {@code id}.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static HeaderField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new IllegalArgumentException("unknown header field id " + id);
    }
    return BY_ID[id];
  }
}
