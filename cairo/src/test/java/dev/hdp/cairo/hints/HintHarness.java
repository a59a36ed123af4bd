package dev.hdp.cairo.hints;

import dev.hdp.cairo.program.ApTracking;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.FlowTrackingData;
import dev.hdp.cairo.program.HintSpec;
import dev.hdp.cairo.program.Identifier;
import dev.hdp.cairo.program.ReferenceSpec;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VirtualMachine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs hints outside a program: each {@code ids} name is a local at {@code fp + i} with a given
 * Cairo type, and the program has the common library's DictAccess struct.
 */
final class HintHarness {
  final Memory memory = new Memory();
  final VirtualMachine vm;
  final HintEnvironment env;
  private final Map<String, Integer> slots = new LinkedHashMap<>();
  private final List<ReferenceSpec> references = new ArrayList<>();
  private final CompiledProgram program;
  final HintProcessor processor = HintProcessor.withCommonLibrary();

  HintHarness(Map<String, String> locals) {
    Relocatable programBase = memory.addSegment();
    Relocatable fp = memory.addSegment();
    int i = 0;
    for (var e : locals.entrySet()) {
      slots.put(e.getKey(), i);
      references.add(
          new ReferenceSpec(
              0, "[cast(fp + " + i + ", " + e.getValue() + "*)]", new ApTracking(0, 0)));
      i++;
    }
    Map<String, Identifier> identifiers = new HashMap<>();
    Map<String, Identifier.Member> members = new LinkedHashMap<>();
    members.put("key", new Identifier.Member("felt", 0));
    members.put("prev_value", new Identifier.Member("felt", 1));
    members.put("new_value", new Identifier.Member("felt", 2));
    identifiers.put(
        "starkware.cairo.common.dict_access.DictAccess",
        new Identifier.Struct("starkware.cairo.common.dict_access.DictAccess", members, 3));
    identifiers.put(
        "__main__.DictAccess",
        new Identifier.Alias("starkware.cairo.common.dict_access.DictAccess"));
    Map<String, Identifier.Member> loopTemps = new LinkedHashMap<>();
    loopTemps.put("index_delta_minus1", new Identifier.Member("felt", 0));
    loopTemps.put("index_delta", new Identifier.Member("felt", 1));
    loopTemps.put("ptr_delta", new Identifier.Member("felt", 2));
    loopTemps.put("should_continue", new Identifier.Member("felt", 3));
    identifiers.put(
        "__main__.LoopTemps", new Identifier.Struct("__main__.LoopTemps", loopTemps, 4));
    identifiers.put("__main__.SHIFT", new Identifier.Const(BigInteger.ONE.shiftLeft(128)));
    program =
        new CompiledProgram(
            CompiledProgram.STARK_PRIME,
            List.of(BigInteger.ZERO),
            List.of(),
            Map.of(),
            identifiers,
            references,
            List.of(),
            "__main__",
            null,
            null);
    vm = new VirtualMachine(memory, programBase.segment());
    vm.setRegisters(programBase, fp.add(100), fp);
    env = new HintEnvironment(program, memory, null, Map.of());
  }

  /** Runs a hint by its code. */
  void run(String code) {
    Map<String, Integer> ids = new HashMap<>();
    int i = 0;
    for (String name : slots.keySet()) {
      ids.put("__main__.f." + name, i++);
    }
    HintSpec spec =
        new HintSpec(
            code,
            List.of("__main__", "__main__.f"),
            new FlowTrackingData(new ApTracking(0, 0), ids));
    processor.compile(spec, program, env, 0).run(vm);
  }

  /** Moves fp (and ap) to fresh cells, like a new call frame; locals start empty. */
  void newFrame() {
    Relocatable fp = vm.fp().add(200);
    vm.setRegisters(vm.pc(), fp.add(100), fp);
  }

  Relocatable slot(String name) {
    return vm.fp().add(slots.get(name));
  }

  void set(String name, MaybeRelocatable value) {
    memory.set(slot(name), value);
  }

  void set(String name, long value) {
    set(name, MaybeRelocatable.of(value));
  }

  MaybeRelocatable get(String name) {
    return memory.get(slot(name));
  }
}
