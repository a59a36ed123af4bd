package dev.hdp.core.task;

/** The datalake type code, the first word of a datalake encoding (hdp.md §2.1). */
public enum DatalakeType {
  BLOCK_SAMPLED(0, "BlockSampled"),
  TRANSACTIONS_IN_BLOCK(1, "TransactionsInBlock");

  private final int code;
  private final String jsonName;

  DatalakeType(int code, String jsonName) {
    this.code = code;
    this.jsonName = jsonName;
  }

  /** The type code in the encoding. */
  public int code() {
    return code;
  }

  /** The {@code type} string of the JSON request. */
  public String jsonName() {
    return jsonName;
  }
}
