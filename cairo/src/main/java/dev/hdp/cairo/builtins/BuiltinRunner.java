package dev.hdp.cairo.builtins;

import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.SegmentRule;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;
import java.util.List;

/**
 * A builtin's runner: the segment it owns, its instance geometry and the rules it enforces on the
 * segment's cells.
 */
public abstract class BuiltinRunner implements SegmentRule {
  private final String name;
  private final int cellsPerInstance;
  private final int inputCellsPerInstance;
  private final boolean included;
  private final int ratio;
  private Relocatable base;
  private Relocatable stopPointer;

  protected BuiltinRunner(
      String name, int cellsPerInstance, int inputCellsPerInstance, boolean included, int ratio) {
    this.name = name;
    this.cellsPerInstance = cellsPerInstance;
    this.inputCellsPerInstance = inputCellsPerInstance;
    this.included = included;
    this.ratio = ratio;
  }

  /** The builtin's name as in {@code %builtins}, e.g. {@code range_check}. */
  public final String name() {
    return name;
  }

  /** The key used in PIE files, e.g. {@code range_check_builtin}. */
  public final String pieKey() {
    return name + "_builtin";
  }

  public final int cellsPerInstance() {
    return cellsPerInstance;
  }

  public final int inputCellsPerInstance() {
    return inputCellsPerInstance;
  }

  /** Whether the program declared this builtin (otherwise it only exists for the layout). */
  public final boolean included() {
    return included;
  }

  /** Steps per instance in the layout, or 0 when not bounded by a ratio. */
  public final int ratio() {
    return ratio;
  }

  public final Relocatable base() {
    if (base == null) {
      throw new IllegalStateException(name + " builtin has no segment yet");
    }
    return base;
  }

  public final int segmentIndex() {
    return base().segment();
  }

  /** Adds this builtin's segment and installs its rules. */
  public void initializeSegments(Memory memory) {
    base = memory.addSegment();
    memory.setRule(base.segment(), this);
  }

  /** What main receives for this builtin: its base pointer, if included. */
  public List<Relocatable> initialStack() {
    return included ? List.of(base()) : List.of();
  }

  /** The cells written so far (one past the highest written offset). */
  public int usedCells(Memory memory) {
    return memory.usedSize(segmentIndex());
  }

  /** The number of instances used, rounding partial ones up. */
  public int usedInstances(Memory memory) {
    return (usedCells(memory) + cellsPerInstance - 1) / cellsPerInstance;
  }

  /** The stop pointer read from the return values, once {@link #finalStack} ran. */
  public Relocatable stopPointer() {
    return stopPointer;
  }

  /**
   * Reads this builtin's stop pointer from the return values ending at {@code pointer} and checks
   * it, returning the pointer below it.
   */
  public Relocatable finalStack(Memory memory, Relocatable pointer) {
    if (!included) {
      stopPointer = base();
      return pointer;
    }
    Relocatable slot = pointer.add(-1);
    var value = memory.get(slot);
    if (!(value instanceof Relocatable stop)) {
      throw new VmException(
          name + " builtin: the return value at " + slot + " is not a pointer: " + value);
    }
    if (stop.segment() != segmentIndex()) {
      throw new VmException(
          name + " builtin: stop pointer " + stop + " is not in its segment " + segmentIndex());
    }
    long expected = (long) usedInstances(memory) * cellsPerInstance;
    if (stop.offset() != expected) {
      throw new VmException(
          name
              + " builtin: stop pointer offset "
              + stop.offset()
              + " but "
              + expected
              + " cells are used");
    }
    stopPointer = stop;
    return slot;
  }

  /** Runs the checks a builtin owes at the end of a run (re-deduces every deducible cell). */
  public void verifyAutoDeductions(Memory memory) {
    int seg = segmentIndex();
    int used = memory.usedSize(seg);
    Word stored = new Word();
    Word deduced = new Word();
    for (int offset = 0; offset < used; offset++) {
      if (offset % cellsPerInstance < inputCellsPerInstance || !memory.load(seg, offset, stored)) {
        continue;
      }
      if (deduce(memory, seg, offset, deduced) && !deduced.sameAs(stored)) {
        throw new VmException(
            name
                + " builtin: cell "
                + seg
                + ":"
                + offset
                + " holds "
                + stored
                + " but should be "
                + deduced);
      }
    }
  }

  /**
   * The PIE's additional data for this builtin (a JSON-ready structure of lists, maps, numbers), or
   * null.
   */
  public Object additionalData() {
    return null;
  }

  /** Restores additional data read from a PIE. */
  public void loadAdditionalData(Object data) {}

  /** Reads the felt at {@code offset} of this segment as limbs, or returns false. */
  protected static boolean readInt(Memory memory, int segment, long offset, Word out) {
    if (!memory.load(segment, offset, out)) {
      return false;
    }
    if (out.kind != Word.INT) {
      throw new VmException(
          "builtin input at " + segment + ":" + offset + " is not a felt: " + out);
    }
    return true;
  }
}
