package dev.hdp.core.task;

import dev.hdp.core.abi.AbiDecodingException;
import dev.hdp.core.abi.AbiReader;
import dev.hdp.core.abi.AbiWriter;
import dev.hdp.core.bytes.UInt256;

/**
 * How a task aggregates its values: the function and, for COUNT only, an operator and a uint256 to
 * compare with.
 *
 * <p>Stricter than HDP, which commits to any combination: a COUNT without an operator fails in
 * HDP's Rust at run time and is rejected here up front, and an operator or value on any other
 * function (ignored by HDP's Cairo, but part of the commitment) is rejected as a likely mistake.
 */
public record Computation(
    AggregateFunction aggregateFunction, Operator operator, UInt256 valueToCompare) {
  private static final String WHAT = "Computation";

  public Computation {
    if (aggregateFunction == null) {
      throw new TaskValidationException("aggregateFnId", "is missing");
    }
    if (operator == null || valueToCompare == null) {
      throw new TaskValidationException("aggregateFnCtx", "operator or valueToCompare is missing");
    }
    if (aggregateFunction == AggregateFunction.COUNT && operator == Operator.NONE) {
      throw new TaskValidationException("operator", "count needs an operator other than none");
    }
    if (aggregateFunction != AggregateFunction.COUNT && operator != Operator.NONE) {
      throw new TaskValidationException(
          "operator",
          "operator '"
              + operator.symbol()
              + "' is only allowed with count, not "
              + aggregateFunction.jsonName());
    }
    if (aggregateFunction != AggregateFunction.COUNT && !valueToCompare.equals(UInt256.ZERO)) {
      throw new TaskValidationException(
          "valueToCompare", "is only allowed with count, not " + aggregateFunction.jsonName());
    }
  }

  /** AVG, SUM, MIN or MAX: no operator, value 0. */
  public static Computation of(AggregateFunction function) {
    return new Computation(function, Operator.NONE, UInt256.ZERO);
  }

  /** COUNT of the values for which {@code value OP valueToCompare} holds. */
  public static Computation count(Operator operator, UInt256 valueToCompare) {
    return new Computation(AggregateFunction.COUNT, operator, valueToCompare);
  }

  /** {@code abi.encode(uint8 fnId, uint8 opId, uint256 value)}: the on-chain compute tuple. */
  public byte[] encode() {
    return new AbiWriter()
        .uint(aggregateFunction.id())
        .uint(operator.id())
        .uint(valueToCompare.value())
        .toByteArray();
  }

  /**
   * Decodes the 96-byte compute tuple strictly.
   *
   * @throws AbiDecodingException naming the field
   */
  public static Computation decode(byte[] encoded) {
    AbiReader reader = new AbiReader(encoded, WHAT, 3);
    Computation computation = read(reader, 0, WHAT);
    reader.finish();
    return computation;
  }

  /** Reads the three words starting at {@code slot}; shared with the task decoder. */
  static Computation read(AbiReader reader, int slot, String what) {
    int fn = reader.uint8(slot, "aggregateFnId");
    int op = reader.uint8(slot + 1, "operator");
    UInt256 value = new UInt256(reader.uint(slot + 2, "valueToCompare", 256));
    try {
      return new Computation(AggregateFunction.fromId(fn), Operator.fromId(op), value);
    } catch (TaskValidationException e) {
      throw new AbiDecodingException(what, e.field(), e.reason(), e);
    }
  }
}
