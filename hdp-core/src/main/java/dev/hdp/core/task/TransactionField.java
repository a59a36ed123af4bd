package dev.hdp.core.task;

import java.util.Locale;

/** A transaction field (HDP {@code TransactionField}); ids in HDP's order, not RLP positions. */
// The declaration order is the id in the encoding: never reorder or insert.
public enum TransactionField implements SampledField {
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
  public static TransactionField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new TaskValidationException(
          "sampledProperty",
          "unknown transaction field id " + id + " (0.." + (BY_ID.length - 1) + ")");
    }
    return BY_ID[id];
  }

  /**
   * Parses HDP's field name in any letter case, e.g. {@code base_fee_per_gas}.
   *
   * @throws TaskValidationException for an unknown name
   */
  public static TransactionField fromText(String text) {
    for (TransactionField field : BY_ID) {
      if (field.name().equalsIgnoreCase(text)) {
        return field;
      }
    }
    throw new TaskValidationException(
        "sampledProperty", "unknown transaction field '" + text + "'");
  }
}
