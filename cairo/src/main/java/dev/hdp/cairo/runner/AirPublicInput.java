package dev.hdp.cairo.runner;

import dev.hdp.cairo.builtins.BuiltinRunner;
import dev.hdp.cairo.builtins.RangeCheckBuiltinRunner;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AIR public input of a proof-mode run ({@code air_public_input.json}): layout, range-check
 * bounds, step count, segment bounds and the public memory (program, the stack prefix and return
 * values, the output), as {@code cairo-run --air_public_input} writes it.
 */
public final class AirPublicInput {
  private AirPublicInput() {}

  /** The public input as a JSON-ready map. */
  public static Map<String, Object> of(CairoRunner runner) {
    if (!runner.options().proofMode()) {
      throw new IllegalStateException("the AIR public input needs a proof-mode run");
    }
    Relocation relocation = runner.relocate();
    var vm = runner.vm();
    Memory memory = runner.memory();
    long rcMin = Long.MAX_VALUE;
    long rcMax = Long.MIN_VALUE;
    for (int i = 0; i < vm.traceLength(); i++) {
      Relocatable pc = vm.traceEntry(i)[0];
      MaybeRelocatable word = memory.get(pc);
      if (!(word instanceof MaybeRelocatable.Int w)) {
        throw new VmException("no instruction at " + pc);
      }
      long encoded = w.value().longValueExact();
      for (int k = 0; k < 3; k++) {
        long biased = (encoded >>> (16 * k)) & 0xFFFF;
        rcMin = Math.min(rcMin, biased);
        rcMax = Math.max(rcMax, biased);
      }
    }
    Word cell = new Word();
    for (BuiltinRunner b : runner.builtins().values()) {
      if (b instanceof RangeCheckBuiltinRunner rc) {
        int parts = rc.boundBits() / 16;
        for (int o = 0; o < memory.usedSize(b.segmentIndex()); o++) {
          if (memory.load(b.segmentIndex(), o, cell) && cell.kind == Word.INT) {
            BigInteger v = cell.toBigInteger();
            for (int k = 0; k < parts; k++) {
              long part = v.shiftRight(16 * k).longValue() & 0xFFFF;
              rcMin = Math.min(rcMin, part);
              rcMax = Math.max(rcMax, part);
            }
          }
        }
      }
    }
    Map<String, Object> segments = new LinkedHashMap<>();
    Relocatable[] first = vm.traceEntry(0);
    Relocatable[] last = vm.traceEntry(vm.traceLength() - 1);
    segments.put("program", bounds(relocation.relocate(first[0]), relocation.relocate(last[0])));
    segments.put("execution", bounds(relocation.relocate(first[1]), relocation.relocate(last[1])));
    for (BuiltinRunner b : runner.builtins().values()) {
      Relocatable stop = b.stopPointer() == null ? b.base() : b.stopPointer();
      segments.put(b.name(), bounds(relocation.relocate(b.base()), relocation.relocate(stop)));
    }
    List<Object> publicMemory = new ArrayList<>();
    for (int i = 0; i < runner.program().data().size(); i++) {
      publicMemory.add(entry(relocation, memory, runner.programBase().add(i), 0));
    }
    long prefix = 2 + runner.program().builtins().size();
    for (long i = 0; i < prefix; i++) {
      publicMemory.add(entry(relocation, memory, runner.executionBase().add(i), 0));
    }
    long returnValues = runner.program().builtins().size();
    for (long i = returnValues; i > 0; i--) {
      publicMemory.add(entry(relocation, memory, vm.ap().add(-i), 0));
    }
    var output = runner.outputBuiltin();
    if (output != null) {
      long size = output.stopPointer().offset();
      for (long i = 0; i < size; i++) {
        int page = 0;
        for (var p : output.pages().entrySet()) {
          if (i >= p.getValue().start() && i < p.getValue().start() + p.getValue().size()) {
            page = p.getKey();
          }
        }
        publicMemory.add(entry(relocation, memory, output.base().add(i), page));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("layout", runner.options().layout().name());
    out.put("rc_min", rcMin);
    out.put("rc_max", rcMax);
    out.put("n_steps", vm.traceLength());
    out.put("memory_segments", segments);
    out.put("public_memory", publicMemory);
    out.put("dynamic_params", null);
    return out;
  }

  private static Map<String, Object> bounds(long begin, long stop) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("begin_addr", begin);
    m.put("stop_ptr", stop);
    return m;
  }

  private static Map<String, Object> entry(
      Relocation relocation, Memory memory, Relocatable addr, int page) {
    MaybeRelocatable v = memory.getOrThrow(addr);
    BigInteger value =
        switch (v) {
          case Relocatable r -> BigInteger.valueOf(relocation.relocate(r));
          case MaybeRelocatable.Int i -> i.value().toBigInteger();
        };
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", relocation.relocate(addr));
    m.put("value", "0x" + value.toString(16));
    m.put("page", page);
    return m;
  }
}
