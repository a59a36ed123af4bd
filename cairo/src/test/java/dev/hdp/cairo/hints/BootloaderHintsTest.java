package dev.hdp.cairo.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.HintSpec;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.fixtures.SharedFixtures;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BootloaderHintsTest {
  private static Map<String, String> locals(String... namesAndTypes) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      m.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return m;
  }

  @Test
  void theImplementedCodesAreTheBootloadersOwn() {
    for (String fixture :
        List.of("bootloader_compiled.json", "applicative_bootloader_compiled.json")) {
      CompiledProgram program = ProgramLoader.load(SharedFixtures.resolve("cairo/" + fixture));
      Set<String> codes =
          program.hints().values().stream()
              .flatMap(List::stream)
              .map(HintSpec::code)
              .collect(Collectors.toSet());
      for (String code :
          List.of(
              BootloaderHints.INNER_SELECT_BUILTINS,
              BootloaderHints.SELECT_INPUT_BUILTINS_ENTER,
              BootloaderHints.VERIFY_NON_NEGATIVE_HALF,
              BootloaderHints.PROGRAM_ADDRESS_SANITY_CHECK)) {
        assertTrue(codes.contains(code), fixture + " lacks hint:\n" + code);
      }
    }
  }

  @Test
  void builtinSelectionCountsDownMatchingEncodings() {
    HintHarness h =
        new HintHarness(
            locals(
                "n_selected_builtins",
                "felt",
                "selected_encodings",
                "felt*",
                "all_encodings",
                "felt*",
                "select_builtin",
                "felt"));
    Relocatable selected = h.memory.addSegment();
    Relocatable all = h.memory.addSegment();
    h.memory.set(selected, MaybeRelocatable.of(111));
    h.memory.set(all, MaybeRelocatable.of(111));
    h.memory.set(all.add(1), MaybeRelocatable.of(222));
    h.set("n_selected_builtins", 1);
    h.set("selected_encodings", selected);
    h.set("all_encodings", all);
    h.run(BootloaderHints.SELECT_INPUT_BUILTINS_ENTER);
    h.run(BootloaderHints.INNER_SELECT_BUILTINS);
    assertEquals(MaybeRelocatable.of(1), h.get("select_builtin"));
    assertEquals(BigInteger.ZERO, h.env.scopes().get("n_selected_builtins"));

    // The list is exhausted: no further builtin is selected even if the encodings match.
    h.newFrame();
    h.set("selected_encodings", selected);
    h.set("all_encodings", all);
    h.run(BootloaderHints.INNER_SELECT_BUILTINS);
    assertEquals(MaybeRelocatable.of(0), h.get("select_builtin"));

    h.newFrame();
    h.env.scopes().set("n_selected_builtins", BigInteger.ONE);
    h.set("selected_encodings", selected);
    h.set("all_encodings", all.add(1));
    h.run(BootloaderHints.INNER_SELECT_BUILTINS);
    assertEquals(MaybeRelocatable.of(0), h.get("select_builtin"));
    assertEquals(BigInteger.ONE, h.env.scopes().get("n_selected_builtins"));
  }

  @Test
  void verifyNonNegativeWritesTheFlooredHalf() {
    HintHarness h = new HintHarness(locals("num", "felt"));
    h.set("num", 7);
    h.run(BootloaderHints.VERIFY_NON_NEGATIVE_HALF);
    assertEquals(MaybeRelocatable.of(3), h.memory.get(h.vm.ap()));
  }

  @Test
  void programAddressSanityCheckComparesWithTheScope() {
    HintHarness h = new HintHarness(locals("program_address", "felt*"));
    Relocatable loaded = h.memory.addSegment();
    h.set("program_address", loaded);
    h.env.scopes().set("program_address", loaded);
    h.run(BootloaderHints.PROGRAM_ADDRESS_SANITY_CHECK);
    h.env.scopes().set("program_address", loaded.add(1));
    assertThrows(HintException.class, () -> h.run(BootloaderHints.PROGRAM_ADDRESS_SANITY_CHECK));
  }

  @Test
  void aTaskScopesProgramInputShadowsTheRunsInput() throws Exception {
    HintHarness h = new HintHarness(locals());
    JsonNode taskInput = new ObjectMapper().readTree("{\"second_element\": 9}");
    h.env.scopes().enter(Map.of("program_input", taskInput));
    h.run(ExampleProgramHints.FIB_SECOND_ELEMENT);
    assertEquals(MaybeRelocatable.of(9), h.memory.get(h.vm.ap()));
    h.env.scopes().exit();
    // The harness's run has no input: outside the task scope the hint finds none.
    assertThrows(HintException.class, () -> h.run(ExampleProgramHints.FIB_SECOND_ELEMENT));
  }

  @Test
  void aLoadedTasksHintsRunAtItsAddressAgainstItsOwnReferencesAndInput() throws Exception {
    HintHarness h = new HintHarness(locals());
    CompiledProgram fibonacci =
        ProgramLoader.load(SharedFixtures.resolve("cairo/fibonacci_compiled.json"));
    Relocatable taskBase = h.memory.addSegment();
    for (int i = 0; i < fibonacci.data().size(); i++) {
      h.memory.set(taskBase.add(i), MaybeRelocatable.of(fibonacci.data().get(i)));
    }
    h.processor.register("load task", c -> c.loadProgramHints(fibonacci, taskBase));
    h.run("load task");
    h.env
        .scopes()
        .enter(
            Map.of(
                "program_input",
                new ObjectMapper()
                    .readTree("{\"second_element\": 9, \"fibonacci_claim_index\": 4}")));
    Relocatable frame = h.memory.addSegment().add(10);
    // fibonacci's pc 8 holds "memory[ap] = program_input['second_element']".
    // The instruction at pc 8 reads below fp; those cells only need values for it to run.
    for (int i = 1; i <= 2; i++) {
      h.memory.set(frame.add(-i), MaybeRelocatable.of(0));
    }
    h.vm.setRegisters(taskBase.add(8), frame, frame);
    h.vm.step();
    assertEquals(MaybeRelocatable.of(9), h.memory.get(frame));
  }
}
