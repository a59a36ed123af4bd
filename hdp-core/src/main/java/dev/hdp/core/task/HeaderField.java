package dev.hdp.core.task;

import java.util.Locale;

/**
 * A block header field; the id is its position in the header's RLP list (HDP {@code HeaderField}).
 */
// The declaration order is the id in the encoding: never reorder or insert.
public enum HeaderField implements SampledField {
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

  @Override
  public int id() {
    return ordinal();
  }

  @Override
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The field with this id.
   *
   * @throws TaskValidationException for an unknown id
   */
  public static HeaderField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new TaskValidationException(
          "sampledProperty", "unknown header field id " + id + " (0.." + (BY_ID.length - 1) + ")");
    }
    return BY_ID[id];
  }

  /**
   * Parses HDP's field name in any letter case, e.g. {@code base_fee_per_gas}.
   *
   * @throws TaskValidationException for an unknown name
   */
  public static HeaderField fromText(String text) {
    for (HeaderField field : BY_ID) {
      if (field.name().equalsIgnoreCase(text)) {
        return field;
      }
    }
    throw new TaskValidationException("sampledProperty", "unknown header field '" + text + "'");
  }
}
