package dev.hdp.cairo.bootloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactTopologiesTest {
  private static OutputBuiltinRunner output() {
    OutputBuiltinRunner output = new OutputBuiltinRunner(true);
    output.initializeSegments(new Memory());
    return output;
  }

  @Test
  void computePlainReplacesCompositesByTheirPlainSubtasks() {
    FactTopology two = new FactTopology(List.of(2, 1, 0, 2), List.of(3L, 4L));
    var composite =
        new PackedOutput.Composite(
            List.of(BigInteger.ONE, BigInteger.valueOf(3), BigInteger.valueOf(9), BigInteger.ONE),
            List.of(new PackedOutput.Plain()),
            List.of(FactTopology.trivial(1)));
    assertEquals(
        List.of(two, FactTopology.trivial(1)),
        FactTopologies.computePlain(
            List.of(new PackedOutput.Plain(), composite),
            List.of(two, FactTopology.trivial(6)),
            BigInteger.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FactTopologies.computePlain(
                List.of(new PackedOutput.Plain()), List.of(), BigInteger.ZERO));
  }

  /**
   * cairo-lang's configure_fact_topologies from output start s: each task skips its 2 header words,
   * then its pages follow back to back, numbered on from 1.
   */
  @Test
  void configureAddsEachTasksPagesAfterItsHeader() {
    OutputBuiltinRunner output = output();
    Relocatable start = output.base().add(4);
    FactTopologies.configure(
        List.of(new FactTopology(List.of(2, 1, 0, 2), List.of(3L, 4L)), FactTopology.trivial(5)),
        start,
        output);
    assertEquals(
        Map.of(
            1, new OutputBuiltinRunner.Page(6, 3),
            2, new OutputBuiltinRunner.Page(9, 4),
            3, new OutputBuiltinRunner.Page(15, 5)),
        output.pages());
    assertEquals(
        2,
        FactTopologies.addConsecutiveOutputPages(
            List.of(1L, 2L), output, 4, output.base().add(30)));
    assertEquals(new OutputBuiltinRunner.Page(31, 2), output.pages().get(5));
  }

  @Test
  void theFileIsWhatCairoLangWrites(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.json");
    FactTopologies.writeFile(
        file,
        List.of(FactTopology.trivial(2), new FactTopology(List.of(2, 1, 0, 2), List.of(3L, 4L))));
    String text = Files.readString(file);
    assertEquals(
        new ObjectMapper()
            .readTree(
                "{\"fact_topologies\": [{\"tree_structure\": [1, 0], \"page_sizes\": [2]},"
                    + " {\"tree_structure\": [2, 1, 0, 2], \"page_sizes\": [3, 4]}]}"),
        new ObjectMapper().readTree(text));
    // json.dump(..., indent=4, sort_keys=True) and a final newline.
    assertEquals(
        "{\n    \"fact_topologies\": [\n        {\n            \"page_sizes\": [\n"
            + "                2\n            ],\n",
        text.substring(0, text.indexOf("            \"tree_structure\"")));
    FactTopologies.writeFile(file, List.of());
    assertEquals("{\n    \"fact_topologies\": []\n}\n", Files.readString(file));
  }

  /** get_state / new_state / set_state: pages count from the state's base and come back. */
  @Test
  void outputBuiltinStateRoundTrip() {
    Memory memory = new Memory();
    OutputBuiltinRunner output = new OutputBuiltinRunner(true);
    output.initializeSegments(memory);
    output.addPage(1, output.base().add(3), 2);
    output.addAttribute("gps_fact_topology", List.of(BigInteger.TWO, BigInteger.ONE));
    OutputBuiltinRunner.State saved = output.getState();
    assertEquals(output.base(), saved.base());

    Relocatable other = memory.addSegment().add(5);
    output.newState(other);
    assertEquals(Map.of(), output.pages());
    assertEquals(Map.of(), output.attributes());
    output.addPage(1, other.add(2), 7);
    assertEquals(Map.of(1, new OutputBuiltinRunner.Page(2, 7)), output.pages());
    // A page outside the state's segment is refused.
    assertThrows(
        dev.hdp.cairo.vm.VmException.class, () -> output.addPage(2, output.base().add(1), 1));
    assertEquals(Map.of(1, new OutputBuiltinRunner.Page(3, 2)), saved.pages(), "a copy");

    output.setState(saved);
    assertEquals(saved, output.getState());
    assertEquals(Map.of(1, new OutputBuiltinRunner.Page(3, 2)), output.pages());
    assertEquals(
        List.of(BigInteger.TWO, BigInteger.ONE), output.attributes().get("gps_fact_topology"));
  }
}
