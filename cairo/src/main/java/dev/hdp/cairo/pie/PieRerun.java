package dev.hdp.cairo.pie;

import dev.hdp.cairo.builtins.BuiltinRunner;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.ExecutionResources;
import dev.hdp.cairo.runner.RunOptions;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-runs a PIE's stripped program (no hints) over the PIE's memory, as a SHARP bootloader would,
 * and checks that the run reproduces the PIE: same steps, resources and memory.
 */
public final class PieRerun {
  private PieRerun() {}

  /** What re-running a PIE gave. */
  public record Result(CairoRunner runner, ExecutionResources resources) {}

  /**
   * Validates the PIE, re-runs it and compares; throws {@link PieFormatException} naming the first
   * difference.
   */
  public static Result check(CairoPie pie, Layout layout) {
    pie.validate();
    RunOptions options =
        RunOptions.defaults()
            .withLayout(layout)
            .withMaxSteps(pie.executionResources().nSteps() + 1);
    CairoRunner runner;
    try {
      runner = new CairoRunner(pie.metadata().program().toCompiledProgram(), options);
      for (BuiltinRunner b : runner.builtins().values()) {
        Object data = pie.additionalData().get(b.pieKey());
        if (data != null) {
          b.loadAdditionalData(data);
        }
      }
      runner.preload(
          pie.metadata().segmentSizes().length,
          pie.memory().stream()
              .map(
                  c ->
                      (Map.Entry<Relocatable, MaybeRelocatable>)
                          new AbstractMap.SimpleEntry<>(c.address(), c.value()))
              .toList());
      for (SegmentInfo s : pie.metadata().extraSegments()) {
        runner.memory().finalizeSegment(s.index(), s.size());
      }
      runner.run();
    } catch (VmException e) {
      throw new PieFormatException("re-running the PIE failed: " + e.getMessage(), e);
    }
    ExecutionResources got = runner.executionResources();
    ExecutionResources want = pie.executionResources();
    if (got.nSteps() != want.nSteps()) {
      throw new PieFormatException(
          "re-run took " + got.nSteps() + " steps, the PIE says " + want.nSteps());
    }
    if (!got.builtinInstanceCounter().equals(want.builtinInstanceCounter())) {
      throw new PieFormatException(
          "re-run used builtins "
              + got.builtinInstanceCounter()
              + ", the PIE says "
              + want.builtinInstanceCounter());
    }
    long execSize = runner.vm().ap().sub(runner.executionBase());
    if (execSize != pie.metadata().executionSegment().size()) {
      throw new PieFormatException(
          "re-run ended with execution size "
              + execSize
              + ", the PIE says "
              + pie.metadata().executionSegment().size());
    }
    for (var e : pie.metadata().builtinSegments().entrySet()) {
      long stop = runner.builtins().get(e.getKey()).stopPointer().offset();
      if (stop != e.getValue().size()) {
        throw new PieFormatException(
            "re-run "
                + e.getKey()
                + " builtin segment size "
                + stop
                + ", the PIE says "
                + e.getValue().size());
      }
    }
    Map<Relocatable, MaybeRelocatable> pieCells = new HashMap<>();
    pie.memory().forEach(c -> pieCells.put(c.address(), c.value()));
    int[] count = {0};
    for (int s = 0; s < runner.memory().segmentCount(); s++) {
      final int seg = s;
      runner
          .memory()
          .forEachCell(
              s,
              (offset, value) -> {
                count[0]++;
                Relocatable a = new Relocatable(seg, offset);
                if (!pieCells.containsKey(a)) {
                  throw new PieFormatException(
                      "re-run wrote " + a + " = " + value + ", which the PIE lacks");
                }
              });
    }
    if (count[0] != pieCells.size()) {
      throw new PieFormatException(
          "re-run memory has " + count[0] + " cells, the PIE " + pieCells.size());
    }
    return new Result(runner, got);
  }

  /** The PIE's memory as a list of entries (for tests). */
  static List<PieCell> cells(CairoPie pie) {
    return pie.memory();
  }
}
