package dev.hdp.cairo.builtins;

import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;

/**
 * The range-check builtins: every cell must be a felt below 2^128 ({@code range_check}, 8 parts of
 * 16 bits) or 2^96 ({@code range_check96}, 6 parts).
 */
public final class RangeCheckBuiltinRunner extends BuiltinRunner {
  private final int bits;

  private RangeCheckBuiltinRunner(String name, int bits, boolean included, int ratio) {
    super(name, 1, 1, included, ratio);
    this.bits = bits;
  }

  public static RangeCheckBuiltinRunner rangeCheck(boolean included, int ratio) {
    return new RangeCheckBuiltinRunner("range_check", 128, included, ratio);
  }

  public static RangeCheckBuiltinRunner rangeCheck96(boolean included, int ratio) {
    return new RangeCheckBuiltinRunner("range_check96", 96, included, ratio);
  }

  /** The exclusive bound, as a bit count. */
  public int boundBits() {
    return bits;
  }

  @Override
  public void validate(Memory memory, int segment, long offset) {
    Word w = new Word();
    memory.load(segment, offset, w);
    if (w.kind != Word.INT) {
      throw new VmException(
          name() + " builtin: cell " + segment + ":" + offset + " holds an address " + w);
    }
    boolean ok = w.l2 == 0 && w.l3 == 0 && (bits == 128 || (w.l1 >>> 32) == 0);
    if (!ok) {
      throw new VmException(
          name()
              + " builtin: value "
              + w
              + " at "
              + segment
              + ":"
              + offset
              + " is out of range [0, 2^"
              + bits
              + ")");
    }
  }

  /** Ignored: range checks have nothing to deduce. */
  @Override
  public void verifyAutoDeductions(Memory memory) {}
}
