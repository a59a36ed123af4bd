package dev.hdp.core.task;

import java.util.Locale;

/**
 * An account field; the id is its position in the account's RLP list (HDP {@code AccountField}).
 */
// The declaration order is the id in the encoding: never reorder or insert.
public enum AccountField implements SampledField {
  NONCE,
  BALANCE,
  STORAGE_ROOT,
  CODE_HASH;

  private static final AccountField[] BY_ID = values();

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
  public static AccountField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new TaskValidationException(
          "sampledProperty", "unknown account field id " + id + " (0.." + (BY_ID.length - 1) + ")");
    }
    return BY_ID[id];
  }

  /**
   * Parses HDP's field name in any letter case, e.g. {@code base_fee_per_gas}.
   *
   * @throws TaskValidationException for an unknown name
   */
  public static AccountField fromText(String text) {
    for (AccountField field : BY_ID) {
      if (field.name().equalsIgnoreCase(text)) {
        return field;
      }
    }
    throw new TaskValidationException("sampledProperty", "unknown account field '" + text + "'");
  }
}
