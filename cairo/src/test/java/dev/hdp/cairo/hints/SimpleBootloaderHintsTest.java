package dev.hdp.cairo.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.HintSpec;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.fixtures.SharedFixtures;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimpleBootloaderHintsTest {
  /**
   * The first line of each hint of the two bootloaders that belongs to their outer layers
   * (bootloader input, packed outputs, output builtin states, final fact topologies, applicative
   * bootloader), which {@code BootloaderHints} is to implement.
   */
  private static final Set<String> OUTER_LAYERS =
      Set.of(
          "from starkware.cairo.bootloaders.bootloader.objects import BootloaderInput",
          "from starkware.cairo.bootloaders.bootloader.objects import BootloaderConfig",
          "from starkware.cairo.bootloaders.bootloader.objects import PackedOutput",
          "from starkware.cairo.bootloaders.bootloader.objects import (",
          "from starkware.cairo.bootloaders.applicative_bootloader.objects import (",
          "from starkware.cairo.bootloaders.fact_topology import GPS_FACT_TOPOLOGY,"
              + " FactTopology",
          "from typing import List",
          "ids.simple_bootloader_output_start = segments.add()",
          "simple_bootloader_input = bootloader_input",
          "# Restore the bootloader's output builtin state.",
          "# Restore the output builtin state.",
          "output_start = ids.output_ptr",
          "packed_outputs = bootloader_input.packed_outputs",
          "memory[ap] = to_felt_or_relocatable(isinstance(packed_output, PlainPackedOutput))",
          "assert isinstance(packed_output, CompositePackedOutput)",
          "data = packed_output.elements_for_hash()",
          "packed_outputs = packed_output.subtasks");

  @Test
  void everyHintOfTheSimpleBootloaderCoreIsImplemented() {
    HintProcessor processor = HintProcessor.withCommonLibrary();
    for (String fixture :
        List.of("bootloader_compiled.json", "applicative_bootloader_compiled.json")) {
      CompiledProgram program = ProgramLoader.load(SharedFixtures.resolve("cairo/" + fixture));
      Set<String> missing =
          program.hints().values().stream()
              .flatMap(List::stream)
              .map(HintSpec::code)
              .filter(code -> !processor.supports(code))
              .filter(code -> !OUTER_LAYERS.contains(code.split("\n", 2)[0]))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(), missing, fixture);
    }
  }
}
