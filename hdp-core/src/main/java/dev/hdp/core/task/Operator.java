package dev.hdp.core.task;

import java.math.BigInteger;
import java.util.Locale;

/**
 * COUNT's comparison {@code value OP valueToCompare}, with HDP's ids and strings (hdp.md §3.1).
 *
 * <p>HDP's Rust parser expects {@code "lteq="} for LTE while printing {@code "lteq"}, so its own
 * output does not parse back. Here {@code "lteq"} is printed and both forms are accepted.
 */
public enum Operator {
  NONE(0, "none"),
  EQ(1, "eq"),
  NEQ(2, "nq"),
  GT(3, "gt"),
  GTE(4, "gteq"),
  LT(5, "lt"),
  LTE(6, "lteq");

  private final int id;
  private final String symbol;

  Operator(int id, String symbol) {
    this.id = id;
    this.symbol = symbol;
  }

  /** The {@code uint8} id in the encoding. */
  public int id() {
    return id;
  }

  /** HDP's string for the operator ({@code eq, nq, gt, gteq, lt, lteq, none}). */
  public String symbol() {
    return symbol;
  }

  /**
   * The operator with this id.
   *
   * @throws TaskValidationException naming {@code operator}
   */
  public static Operator fromId(int id) {
    for (Operator op : values()) {
      if (op.id == id) {
        return op;
      }
    }
    throw new TaskValidationException("operator", "unknown operator id " + id + " (0..6)");
  }

  /**
   * Parses HDP's string, any letter case; {@code "lteq="} (what HDP's parser wants) is LTE.
   *
   * @throws TaskValidationException naming {@code operator}
   */
  public static Operator parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("lteq=")) {
      return LTE;
    }
    for (Operator op : values()) {
      if (op.symbol.equals(lower)) {
        return op;
      }
    }
    throw new TaskValidationException(
        "operator", "unknown operator '" + text + "' (eq, nq, gt, gteq, lt, lteq, none)");
  }

  /** Whether {@code value OP reference} holds, unsigned. NONE holds for nothing. */
  public boolean test(BigInteger value, BigInteger reference) {
    int c = value.compareTo(reference);
    return switch (this) {
      case NONE -> false;
      case EQ -> c == 0;
      case NEQ -> c != 0;
      case GT -> c > 0;
      case GTE -> c >= 0;
      case LT -> c < 0;
      case LTE -> c <= 0;
    };
  }
}
