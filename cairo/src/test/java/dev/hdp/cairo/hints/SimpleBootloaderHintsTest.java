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
  @Test
  void everyHintOfBothBootloadersIsImplemented() {
    HintProcessor processor = HintProcessor.withCommonLibrary();
    for (String fixture :
        List.of("bootloader_compiled.json", "applicative_bootloader_compiled.json")) {
      CompiledProgram program = ProgramLoader.load(SharedFixtures.resolve("cairo/" + fixture));
      Set<String> missing =
          program.hints().values().stream()
              .flatMap(List::stream)
              .map(HintSpec::code)
              .filter(code -> !processor.supports(code))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(), missing, fixture);
    }
  }
}
