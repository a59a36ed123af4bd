package dev.hdp.cairo.builtins;

import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;

/** The bitwise builtin: (x, y) gives x&y, x^y, x|y, for x and y below 2^251. */
public final class BitwiseBuiltinRunner extends BuiltinRunner {
  public BitwiseBuiltinRunner(boolean included, int ratio) {
    super("bitwise", 5, 2, included, ratio);
  }

  @Override
  public boolean deduce(Memory memory, int segment, long offset, Word out) {
    int index = (int) (offset % 5);
    if (index < 2) {
      return false;
    }
    long start = offset - index;
    Word x = new Word();
    Word y = new Word();
    if (!readInt(memory, segment, start, x) || !readInt(memory, segment, start + 1, y)) {
      return false;
    }
    checkBits(x, segment, start);
    checkBits(y, segment, start + 1);
    switch (index) {
      case 2 -> out.setInt(x.l0 & y.l0, x.l1 & y.l1, x.l2 & y.l2, x.l3 & y.l3);
      case 3 -> out.setInt(x.l0 ^ y.l0, x.l1 ^ y.l1, x.l2 ^ y.l2, x.l3 ^ y.l3);
      default -> out.setInt(x.l0 | y.l0, x.l1 | y.l1, x.l2 | y.l2, x.l3 | y.l3);
    }
    return true;
  }

  private void checkBits(Word w, int segment, long offset) {
    if ((w.l3 >>> 59) != 0) {
      throw new VmException(
          "bitwise builtin: input " + w + " at " + segment + ":" + offset + " exceeds 251 bits");
    }
  }
}
