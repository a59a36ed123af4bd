package dev.hdp.core.compute;

import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.Operator;
import java.math.BigInteger;
import java.util.List;

/** Computes a task's result from its values. Stateless. */
public final class Aggregator {
  private Aggregator() {}

  /**
   * The result of the computation over the values (in datalake order).
   *
   * @throws AggregationException for an empty list or a sum that overflows uint256
   */
  public static UInt256 compute(Computation computation, List<UInt256> values) {
    if (values.isEmpty()) {
      throw new AggregationException(
          computation.aggregateFunction().jsonName()
              + " over no values (the datalake selected none)");
    }
    return switch (computation.aggregateFunction()) {
      case AVG -> avg(values);
      case SUM -> sum(values);
      case MIN -> values.stream().min(UInt256::compareTo).orElseThrow();
      case MAX -> values.stream().max(UInt256::compareTo).orElseThrow();
      case COUNT -> count(values, computation.operator(), computation.valueToCompare());
    };
  }

  /** The sum; an overflow of 256 bits is an error, as in Cairo's checked Uint256 addition. */
  public static UInt256 sum(List<UInt256> values) {
    BigInteger sum = BigInteger.ZERO;
    for (UInt256 value : values) {
      sum = sum.add(value.value());
    }
    if (sum.compareTo(UInt256.MAX_VALUE) > 0) {
      throw new AggregationException(
          "sum of " + values.size() + " values overflows uint256 (" + sum.bitLength() + " bits)");
    }
    return UInt256.of(sum);
  }

  /**
   * The mean rounded half up: {@code q = sum / n, r = sum % n}, {@code q + 1} when {@code 2r ≥ n}.
   */
  public static UInt256 avg(List<UInt256> values) {
    BigInteger n = BigInteger.valueOf(values.size());
    BigInteger[] qr = sum(values).value().divideAndRemainder(n);
    BigInteger q = qr[0];
    return UInt256.of(qr[1].shiftLeft(1).compareTo(n) >= 0 ? q.add(BigInteger.ONE) : q);
  }

  /** How many values satisfy {@code value OP reference}. */
  public static UInt256 count(List<UInt256> values, Operator operator, UInt256 reference) {
    if (operator == Operator.NONE) {
      throw new AggregationException("count needs an operator other than none");
    }
    long count = values.stream().filter(v -> operator.test(v.value(), reference.value())).count();
    return UInt256.of(count);
  }
}
