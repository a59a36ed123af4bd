package dev.hdp.core.chain;

/** HDP's receipt fields and their ids. */
public enum ReceiptField {
  SUCCESS,
  CUMULATIVE_GAS_USED,
  LOGS,
  BLOOM;

  private static final ReceiptField[] BY_ID = values();

  /** HDP's id. */
  public int id() {
    return ordinal();
  }

  /**
   * The field with HDP id {@code id}.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static ReceiptField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new IllegalArgumentException("unknown receipt field id " + id);
    }
    return BY_ID[id];
  }
}
