package dev.hdp.cairo.runner;

import dev.hdp.cairo.builtins.BuiltinRunner;
import dev.hdp.cairo.builtins.BuiltinRunners;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.hints.HintEnvironment;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.InstructionLocation;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VirtualMachine;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a compiled program the way {@code cairo-run} does: segments (program, execution, builtins,
 * return fp, return pc), the main entrypoint (or {@code __start__} in proof mode), the run, the
 * builtins' final stacks, end-of-run checks, execution resources and relocation.
 */
public final class CairoRunner {
  private final CompiledProgram program;
  private final RunOptions options;
  private final Memory memory = new Memory();
  private final Map<String, BuiltinRunner> builtins = new LinkedHashMap<>();
  private final Relocatable programBase;
  private final Relocatable executionBase;
  private final VirtualMachine vm;
  private final HintEnvironment hintEnvironment;
  private final Relocatable end;
  private Relocatable returnFp;
  private boolean ended;

  /** Prepares a run: segments, builtins, program, stack and registers. */
  public CairoRunner(CompiledProgram program, RunOptions options) {
    this.program = program;
    this.options = options;
    if (!program.prime().equals(CompiledProgram.STARK_PRIME)) {
      throw new VmException(
          "the program's prime 0x" + program.prime().toString(16) + " is not the STARK prime");
    }
    try {
      BuiltinRunners.checkOrder(program.builtins());
    } catch (IllegalArgumentException e) {
      throw new VmException(e.getMessage());
    }
    Layout layout = options.layout();
    for (String b : program.builtins()) {
      if (!layout.has(b)) {
        throw new VmException("builtin " + b + " is not in layout " + layout.name());
      }
    }
    for (String name : Layout.BUILTIN_ORDER) {
      if (!layout.has(name)) {
        continue;
      }
      boolean included = program.builtins().contains(name);
      if (included || options.proofMode()) {
        builtins.put(name, BuiltinRunners.create(name, included, layout.builtinRatios().get(name)));
      }
    }
    programBase = memory.addSegment();
    executionBase = memory.addSegment();
    for (BuiltinRunner b : builtins.values()) {
      b.initializeSegments(memory);
    }
    List<MaybeRelocatable> stack = new ArrayList<>();
    for (String name : program.builtins()) {
      stack.addAll(builtins.get(name).initialStack());
    }
    Relocatable pc;
    Relocatable initialFp;
    if (options.proofMode()) {
      int start = program.start().orElseThrow(() -> new VmException("proof mode needs __start__"));
      int endPc = program.end().orElseThrow(() -> new VmException("proof mode needs __end__"));
      List<MaybeRelocatable> prefixed = new ArrayList<>();
      prefixed.add(executionBase.add(2));
      prefixed.add(MaybeRelocatable.of(0));
      prefixed.addAll(stack);
      stack = prefixed;
      pc = programBase.add(start);
      initialFp = executionBase.add(2);
      end = programBase.add(endPc);
    } else {
      int main =
          program.main().orElseThrow(() -> new VmException("the program has no main function"));
      returnFp = memory.addSegment();
      end = memory.addSegment();
      stack.add(returnFp);
      stack.add(end);
      pc = programBase.add(main);
      initialFp = executionBase.add(stack.size());
    }
    Word w = new Word();
    for (int i = 0; i < program.data().size(); i++) {
      memory.store(programBase.segment(), i, w.set(program.data().get(i)));
    }
    for (int i = 0; i < stack.size(); i++) {
      memory.set(executionBase.add(i), stack.get(i));
    }
    vm = new VirtualMachine(memory, programBase.segment());
    vm.setTraceEnabled(options.trace());
    vm.setRegisters(pc, initialFp, initialFp);
    hintEnvironment = new HintEnvironment(program, memory, options.programInput(), builtins);
    if (!program.hints().isEmpty()) {
      vm.setProgramHints(options.hints().compileAll(program, hintEnvironment));
    }
  }

  /**
   * Writes memory known in advance (a PIE's), creating segments up to {@code segmentCount} first;
   * the run then checks every instruction against it. Call before {@link #run()}.
   */
  public void preload(int segmentCount, Iterable<Map.Entry<Relocatable, MaybeRelocatable>> cells) {
    while (memory.segmentCount() < segmentCount) {
      memory.addSegment();
    }
    for (var cell : cells) {
      memory.set(cell.getKey(), cell.getValue());
    }
  }

  /** Runs the program to its end and finishes the run (checks, final stacks). */
  public CairoRunner run() {
    runUntilEnd();
    endRun();
    return this;
  }

  /** Runs until pc reaches the end (main's return, or {@code __end__} in proof mode). */
  public void runUntilEnd() {
    try {
      vm.runUntilPc(end, options.maxSteps());
    } catch (VmException e) {
      throw withLocation(e);
    }
  }

  private VmException withLocation(VmException e) {
    Relocatable pc = vm.pc();
    String where = "";
    if (pc.segment() == programBase.segment() && program.debugInfo() != null) {
      InstructionLocation loc = program.debugInfo().instructionLocations().get((int) pc.offset());
      if (loc != null) {
        where = " at " + loc;
      }
    }
    String attr = "";
    for (var a : program.attributes()) {
      if ("error_message".equals(a.name())
          && pc.segment() == programBase.segment()
          && pc.offset() >= a.startPc()
          && pc.offset() < a.endPc()) {
        attr = "Error message: " + a.value() + "\n";
      }
    }
    return new VmException(attr + "Error at pc=" + pc + where + ":\n" + e.getMessage(), e);
  }

  /**
   * Ends the run: relocates temporary segments, checks builtin deductions, pads proof-mode runs to
   * a power of two steps, reads the builtins' stop pointers and runs the security checks.
   */
  public void endRun() {
    if (ended) {
      throw new IllegalStateException("endRun called twice");
    }
    memory.relocateTemporarySegments();
    for (BuiltinRunner b : builtins.values()) {
      b.verifyAutoDeductions(memory);
    }
    if (options.proofMode()) {
      long target = Long.highestOneBit(Math.max(1, vm.steps()));
      if (target < vm.steps()) {
        target <<= 1;
      }
      while (true) {
        vm.runSteps(target - vm.steps());
        if (builtinsFit(target)) {
          break;
        }
        target <<= 1;
      }
    }
    ended = true;
    readReturnValues();
    if (options.proofMode()) {
      memory.finalizeSegment(programBase.segment(), program.data().size());
      for (BuiltinRunner b : builtins.values()) {
        long cells =
            b.ratio() > 0
                ? ((vm.steps() + b.ratio() - 1) / b.ratio()) * b.cellsPerInstance()
                : b.usedCells(memory);
        memory.finalizeSegment(b.segmentIndex(), Math.max(cells, b.usedCells(memory)));
      }
    }
    if (options.secure()) {
      verifySecureRunner();
    }
  }

  private boolean builtinsFit(long steps) {
    for (BuiltinRunner b : builtins.values()) {
      if (b.ratio() > 0 && (long) b.usedInstances(memory) * b.ratio() > steps) {
        return false;
      }
    }
    return true;
  }

  private void readReturnValues() {
    Relocatable pointer = vm.ap();
    List<String> names = program.builtins();
    for (int i = names.size() - 1; i >= 0; i--) {
      pointer = builtins.get(names.get(i)).finalStack(memory, pointer);
    }
    for (BuiltinRunner b : builtins.values()) {
      if (!b.included()) {
        b.finalStack(memory, pointer);
      }
    }
  }

  /** The end-of-run security checks of {@code cairo-run --secure_run}. */
  private void verifySecureRunner() {
    int programSize = program.data().size();
    if (memory.usedSize(programBase.segment()) > programSize) {
      throw new VmException(
          "out of bounds access to the program segment: it has "
              + programSize
              + " words, but "
              + memory.usedSize(programBase.segment())
              + " cells are written");
    }
    for (BuiltinRunner b : builtins.values()) {
      Relocatable stop = b.stopPointer();
      if (stop != null && memory.usedSize(b.segmentIndex()) > stop.offset()) {
        throw new VmException(
            "out of bounds access to the "
                + b.name()
                + " builtin segment: cells up to "
                + memory.usedSize(b.segmentIndex())
                + " are written but its stop pointer is "
                + stop);
      }
    }
    if (memory.temporarySegmentCount() > 0) {
      for (int t = 1; t <= memory.temporarySegmentCount(); t++) {
        if (memory.usedSize(-t) > 0) {
          throw new VmException("temporary segment " + (-t) + " was never relocated");
        }
      }
    }
    int n = memory.segmentCount();
    for (int s = 0; s < n; s++) {
      final int seg = s;
      memory.forEachCell(
          s,
          (offset, value) -> {
            if (value.kind == Word.RELOC
                && (value.segment() < 0 || value.segment() >= n || value.l0 < 0)) {
              throw new VmException(
                  "memory cell " + seg + ":" + offset + " holds an invalid address " + value);
            }
          });
    }
  }

  // ------------------------------------------------------------------------------------------
  // Results

  public CompiledProgram program() {
    return program;
  }

  public RunOptions options() {
    return options;
  }

  public Memory memory() {
    return memory;
  }

  public VirtualMachine vm() {
    return vm;
  }

  public HintEnvironment hintEnvironment() {
    return hintEnvironment;
  }

  public Relocatable programBase() {
    return programBase;
  }

  public Relocatable executionBase() {
    return executionBase;
  }

  /** The pc where the run stops. */
  public Relocatable endPc() {
    return end;
  }

  /** The return-fp segment base (normal runs only). */
  public Relocatable returnFp() {
    return returnFp;
  }

  /** The builtin runners by name, in layout order. */
  public Map<String, BuiltinRunner> builtins() {
    return java.util.Collections.unmodifiableMap(builtins);
  }

  /** The output builtin's runner, if the run has one. */
  public OutputBuiltinRunner outputBuiltin() {
    return (OutputBuiltinRunner) builtins.get("output");
  }

  /** The program's output: the output segment up to its stop pointer (integers only). */
  public List<BigInteger> output() {
    OutputBuiltinRunner out = outputBuiltin();
    if (out == null) {
      return List.of();
    }
    long size = out.stopPointer() != null ? out.stopPointer().offset() : out.usedCells(memory);
    List<BigInteger> values = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      MaybeRelocatable v = memory.get(out.base().add(i));
      if (!(v instanceof MaybeRelocatable.Int n)) {
        throw new VmException(
            "output cell " + i + " is " + (v == null ? "missing" : "an address " + v));
      }
      values.add(n.value().toBigInteger());
    }
    return values;
  }

  /** Steps, memory holes and builtin instances of the run. */
  public ExecutionResources executionResources() {
    Map<String, Long> counters = new LinkedHashMap<>();
    for (BuiltinRunner b : builtins.values()) {
      counters.put(b.pieKey(), (long) b.usedInstances(memory));
    }
    return new ExecutionResources(
        vm.traceLength() > 0 ? vm.traceLength() : vm.steps(), memoryHoles(), counters);
  }

  /**
   * Cells never accessed in segments the VM accessed. Builtin segments count as fully accessed and,
   * as in lambdaclass' cairo-vm (which made both PIE fixtures), the program segment is not counted:
   * code that never runs is not a hole.
   */
  public long memoryHoles() {
    java.util.Set<Integer> builtinSegments = new java.util.HashSet<>();
    builtinSegments.add(programBase.segment());
    for (BuiltinRunner b : builtins.values()) {
      builtinSegments.add(b.segmentIndex());
    }
    long holes = 0;
    for (int s = 0; s < memory.segmentCount(); s++) {
      if (builtinSegments.contains(s)) {
        continue;
      }
      int accessed = memory.accessedCount(s);
      if (accessed > 0) {
        holes += memory.size(s) - accessed;
      }
    }
    return holes;
  }

  /** This run at flat addresses (for trace and memory files). */
  public Relocation relocate() {
    if (!ended) {
      throw new IllegalStateException("relocate needs a finished run");
    }
    return new Relocation(this);
  }

  /** Flat addresses: segment {@code i} starts at {@code bases[i]} (the first address is 1). */
  public long[] segmentBases() {
    int n = memory.segmentCount();
    long[] bases = new long[n + 1];
    bases[0] = 1;
    for (int s = 0; s < n; s++) {
      bases[s + 1] = bases[s] + memory.size(s);
    }
    return bases;
  }
}
