package dev.hdp.core.chain;

/** HDP's account fields; the id is the position in the account RLP and HDP's property byte. */
public enum AccountField {
  NONCE,
  BALANCE,
  STORAGE_ROOT,
  CODE_HASH;

  private static final AccountField[] BY_ID = values();

  /** HDP's id. */
  public int id() {
    return ordinal();
  }

  /**
   * The field with HDP id {@code id}.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static AccountField fromId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new IllegalArgumentException("unknown account field id " + id);
    }
    return BY_ID[id];
  }
}
