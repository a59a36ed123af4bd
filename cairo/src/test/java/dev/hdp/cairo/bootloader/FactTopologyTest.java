package dev.hdp.cairo.bootloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.builtins.OutputBuiltinRunner.Page;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactTopologyTest {
  private static List<BigInteger> ints(long... xs) {
    return java.util.Arrays.stream(xs).mapToObj(BigInteger::valueOf).toList();
  }

  @Test
  void withoutTheAttributeTheOutputIsOnePage() {
    assertEquals(FactTopology.trivial(7), FactTopology.fromOutputData(7, Map.of(), Map.of()));
    assertEquals(new FactTopology(List.of(1, 0), List.of(7L)), FactTopology.trivial(7));
    assertThrows(IllegalArgumentException.class, () -> FactTopology.trivial(3801));
  }

  @Test
  void pagesSplitTheOutput() {
    FactTopology t =
        FactTopology.fromOutputData(
            10,
            Map.of(2, new Page(6, 4), 1, new Page(3, 3)),
            Map.of(FactTopology.GPS_FACT_TOPOLOGY, ints(3, 2, 1, 1)));
    assertEquals(List.of(3, 2, 1, 1), t.treeStructure());
    assertEquals(List.of(3L, 3L, 4L), t.pageSizes());
    assertEquals(10, t.outputSize());
    assertEquals(3, t.nPages());
  }

  @Test
  void badPagesAreRejected() {
    var attr = Map.of(FactTopology.GPS_FACT_TOPOLOGY, ints(2, 1));
    Object[][] cases = {
      {Map.of(1, new Page(3, 3)), Map.of(), "additional pages cannot be used"},
      {Map.of(2, new Page(3, 7)), attr, "expected page id 1, found 2"},
      {Map.of(1, new Page(0, 10)), attr, "invalid page start 0"},
      {Map.of(1, new Page(3, 3), 2, new Page(7, 3)), attr, "expected page start 6, found 7"},
      {Map.of(1, new Page(3, 3)), attr, "pages must cover the entire program output"},
      {Map.of(), Map.of(FactTopology.GPS_FACT_TOPOLOGY, ints(1)), "invalid tree structure"},
      {Map.of(), Map.of(FactTopology.GPS_FACT_TOPOLOGY, ints(1, 1L << 30)), "invalid tree"},
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked") // the table's maps have these types
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  FactTopology.fromOutputData(
                      10, (Map<Integer, Page>) c[0], (Map<String, List<BigInteger>>) c[1]));
      assertTrue(e.getMessage().startsWith((String) c[2]), e.getMessage());
    }
  }

  @Test
  void jsonRoundTripsAndIsStrict() throws Exception {
    FactTopology t = new FactTopology(List.of(2, 1), List.of(4L, 5L));
    assertEquals("{\"tree_structure\":[2,1],\"page_sizes\":[4,5]}", t.toJson().toString());
    assertEquals(t, FactTopology.fromJson(t.toJson(), "t"));
    ObjectMapper m = new ObjectMapper();
    assertEquals(
        "fact_topologies[0].page_sizes: missing field",
        assertThrows(
                BootloaderInputException.class,
                () ->
                    FactTopology.fromJson(
                        m.readTree("{\"tree_structure\":[]}"), "fact_topologies[0]"))
            .getMessage());
    assertEquals(
        "t.page_sizes[1]: expected a non-negative integer, got -1",
        assertThrows(
                BootloaderInputException.class,
                () ->
                    FactTopology.fromJson(
                        m.readTree("{\"tree_structure\":[],\"page_sizes\":[1,-1]}"), "t"))
            .getMessage());
  }
}
