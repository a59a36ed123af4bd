package dev.hdp.core.task;

import java.util.Locale;

/**
 * HDP's aggregate functions with their ids in the encoding (hdp.md §3.1). Gen2 supports AVG..COUNT;
 * MERKLE (5) and SLR (6) existed only in Gen1 and are not accepted.
 */
public enum AggregateFunction {
  AVG(0),
  SUM(1),
  MIN(2),
  MAX(3),
  COUNT(4);

  private final int id;

  AggregateFunction(int id) {
    this.id = id;
  }

  /** The {@code uint8} id in the encoding. */
  public int id() {
    return id;
  }

  /** The JSON name, lowercase ({@code avg}, …). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The function with this id.
   *
   * @throws TaskValidationException naming {@code aggregateFnId}
   */
  public static AggregateFunction fromId(int id) {
    for (AggregateFunction fn : values()) {
      if (fn.id == id) {
        return fn;
      }
    }
    throw new TaskValidationException(
        "aggregateFnId", "unknown aggregate function id " + id + " (0 avg .. 4 count)");
  }

  /**
   * Parses the name in any letter case.
   *
   * @throws TaskValidationException naming {@code aggregateFnId}
   */
  public static AggregateFunction parse(String text) {
    for (AggregateFunction fn : values()) {
      if (fn.name().equalsIgnoreCase(text)) {
        return fn;
      }
    }
    throw new TaskValidationException(
        "aggregateFnId", "unknown aggregate function '" + text + "' (avg, sum, min, max, count)");
  }
}
