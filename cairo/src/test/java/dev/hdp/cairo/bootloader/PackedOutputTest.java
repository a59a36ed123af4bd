package dev.hdp.cairo.bootloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedOutputTest {
  private static final BigInteger APPLICATIVE = BigInteger.valueOf(1000);

  private static List<BigInteger> ints(long... xs) {
    List<BigInteger> out = new ArrayList<>();
    for (long x : xs) {
      out.add(BigInteger.valueOf(x));
    }
    return out;
  }

  private static FactTopology topology(List<Integer> tree, long... sizes) {
    List<Long> s = new ArrayList<>();
    for (long x : sizes) {
      s.add(x);
    }
    return new FactTopology(tree, s);
  }

  @Test
  void elementsForHashAreTheOutputs() {
    var composite =
        new PackedOutput.Composite(
            ints(1, 3, 7, 42), List.of(new PackedOutput.Plain()), List.of(FactTopology.trivial(1)));
    assertEquals(ints(1, 3, 7, 42), composite.elementsForHash());
  }

  /**
   * A verifier of three tasks: a plain one, the applicative bootloader (whose first page loses the
   * 4-word header the bootloader drops), and a nested verifier of one plain task.
   */
  @Test
  void plainFactTopologiesFlattenDepthFirst() {
    // The nested verifier verified one task: size 4, hash 55, output [8, 9].
    var nested =
        new PackedOutput.Composite(
            ints(1, 4, 55, 8, 9),
            List.of(new PackedOutput.Plain()),
            List.of(topology(List.of(1, 0), 2)));
    List<BigInteger> outputs = new ArrayList<>(ints(3));
    outputs.addAll(ints(3, 11, 5)); // plain: size, hash, one word
    outputs.addAll(ints(8, 1000, 70, 1, 2, 3, 6, 7)); // applicative: aggregator hash, config, 2
    outputs.addAll(ints(8, 22, 102, 1, 4, 55, 8, 9)); // verifier hash, bootloader hash, its output
    var outer =
        new PackedOutput.Composite(
            outputs,
            List.of(new PackedOutput.Plain(), new PackedOutput.Plain(), nested),
            List.of(
                FactTopology.trivial(1),
                topology(List.of(2, 1, 0, 2), 5, 1),
                FactTopology.trivial(5)));

    assertEquals(
        List.of(
            FactTopology.trivial(1),
            topology(List.of(2, 1, 0, 2), 1, 1),
            topology(List.of(1, 0), 2)),
        outer.plainFactTopologies(APPLICATIVE));
    assertEquals(
        List.of(
            FactTopology.trivial(1),
            topology(List.of(2, 1, 0, 2), 5, 1),
            topology(List.of(1, 0), 2)),
        outer.plainFactTopologies(BigInteger.valueOf(-1).add(APPLICATIVE)),
        "without the applicative hash the topologies stay");
  }

  @Test
  void inconsistentOutputsAreRejected() {
    List<PackedOutput> one = List.of(new PackedOutput.Plain());
    List<FactTopology> trivial = List.of(FactTopology.trivial(1));
    String[][] cases = {
      {"", "the composite packed output has no outputs"},
      {"2 3 11 5", "the outputs hold 2 tasks but there are 1 subtasks"},
      {"1 3 11 5 6", "the subtask sizes add up to 4 words but the outputs have 5"},
      {"1", "the outputs end before subtask 0"},
    };
    for (String[] c : cases) {
      List<BigInteger> outputs =
          c[0].isEmpty()
              ? List.of()
              : java.util.Arrays.stream(c[0].split(" ")).map(BigInteger::new).toList();
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new PackedOutput.Composite(outputs, one, trivial)
                      .plainFactTopologies(APPLICATIVE));
      assertEquals(c[1], e.getMessage());
    }
  }
}
