package dev.hdp.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.task.AggregateFunction;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.Operator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AggregatorTest {
  @Test
  void averageRoundsHalfUp() {
    assertEquals(UInt256.of(2), avg(1, 2)); // HDP's integer.rs test_avg
    assertEquals(UInt256.of(1), avg(1, 0)); // exact tie rounds up
    assertEquals(UInt256.of(2), avg(1, 2, 2)); // 5/3: r = 2, 2r >= 3
    assertEquals(UInt256.of(1), avg(1, 1, 2)); // 4/3: r = 1, 2r < 3
    assertEquals(UInt256.of(0), avg(0, 1, 0, 0)); // 1/4
    assertEquals(UInt256.of(1), avg(0, 1, 1, 0)); // 2/4 tie
    assertEquals(UInt256.of(7), avg(7));
  }

  @Test
  void averageOfFixtureOneIsTheMiddleBlock() {
    // hdp-sepolia/01: avg of header.number over 5858987..5858997 = 0x5966b0.
    var values = LongStream.rangeClosed(5858987, 5858997).mapToObj(UInt256::of).toList();
    assertEquals(
        UInt256.parse("0x5966b0"),
        Aggregator.compute(Computation.of(AggregateFunction.AVG), values));
  }

  @Test
  void sumMinMaxAreUnsigned256Bit() {
    var max = new UInt256(UInt256.MAX_VALUE);
    var values = List.of(UInt256.of(5), max, UInt256.ZERO);
    assertEquals(max, Aggregator.compute(Computation.of(AggregateFunction.MAX), values));
    assertEquals(UInt256.ZERO, Aggregator.compute(Computation.of(AggregateFunction.MIN), values));
    assertEquals(
        max,
        Aggregator.compute(
            Computation.of(AggregateFunction.SUM), List.of(max, UInt256.ZERO, UInt256.ZERO)));
    assertThrows(
        AggregationException.class,
        () -> Aggregator.compute(Computation.of(AggregateFunction.SUM), values));
    assertThrows(
        AggregationException.class,
        () -> Aggregator.compute(Computation.of(AggregateFunction.AVG), values));
  }

  @Test
  void countAppliesEachOperator() {
    var values = List.of(UInt256.of(1), UInt256.of(5), UInt256.of(5), UInt256.of(9));
    var five = UInt256.of(5);
    assertEquals(UInt256.of(2), count(Operator.EQ, values, five));
    assertEquals(UInt256.of(2), count(Operator.NEQ, values, five));
    assertEquals(UInt256.of(1), count(Operator.GT, values, five));
    assertEquals(UInt256.of(3), count(Operator.GTE, values, five));
    assertEquals(UInt256.of(1), count(Operator.LT, values, five));
    assertEquals(UInt256.of(3), count(Operator.LTE, values, five));
    assertThrows(AggregationException.class, () -> Aggregator.count(values, Operator.NONE, five));
  }

  @Test
  void emptyInputIsAnError() {
    for (AggregateFunction fn : AggregateFunction.values()) {
      Computation c =
          fn == AggregateFunction.COUNT
              ? Computation.count(Operator.GT, UInt256.ZERO)
              : Computation.of(fn);
      assertThrows(AggregationException.class, () -> Aggregator.compute(c, List.of()));
    }
  }

  private static UInt256 avg(long... values) {
    return Aggregator.compute(
        Computation.of(AggregateFunction.AVG),
        LongStream.of(values).mapToObj(UInt256::of).toList());
  }

  private static UInt256 count(Operator op, List<UInt256> values, UInt256 reference) {
    return Aggregator.compute(Computation.count(op, reference), values);
  }
}
