package dev.hdp.core.task;

import java.util.Locale;

/** A transaction receipt field (HDP {@code TransactionReceiptField}). */
// The declaration order is the id in the encoding: never reorder or insert.
public enum ReceiptField implements SampledField {
  SUCCESS,
  CUMULATIVE_GAS_USED,
  LOGS,
  BLOOM;

  private static final ReceiptField[] BY_ID = values();

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
  public static ReceiptField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new TaskValidationException(
          "sampledProperty", "unknown receipt field id " + id + " (0.." + (BY_ID.length - 1) + ")");
    }
    return BY_ID[id];
  }

  /**
   * Parses HDP's field name in any letter case, e.g. {@code base_fee_per_gas}.
   *
   * @throws TaskValidationException for an unknown name
   */
  public static ReceiptField fromText(String text) {
    for (ReceiptField field : BY_ID) {
      if (field.name().equalsIgnoreCase(text)) {
        return field;
      }
    }
    throw new TaskValidationException("sampledProperty", "unknown receipt field '" + text + "'");
  }
}
