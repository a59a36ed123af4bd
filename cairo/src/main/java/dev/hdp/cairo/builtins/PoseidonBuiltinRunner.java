package dev.hdp.cairo.builtins;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Poseidon;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Word;

/** The Poseidon builtin: three input cells, three output cells = the Hades permutation. */
public final class PoseidonBuiltinRunner extends BuiltinRunner {
  private long cachedStart = -1;
  private int cachedSegment;
  private Felt252[] cached;

  public PoseidonBuiltinRunner(boolean included, int ratio) {
    super("poseidon", 6, 3, included, ratio);
  }

  @Override
  public boolean deduce(Memory memory, int segment, long offset, Word out) {
    int index = (int) (offset % 6);
    if (index < 3) {
      return false;
    }
    long start = offset - index;
    Word w = new Word();
    Felt252[] in = new Felt252[3];
    for (int i = 0; i < 3; i++) {
      if (!readInt(memory, segment, start + i, w)) {
        return false;
      }
      in[i] = w.toFelt();
    }
    Felt252[] state;
    if (cached != null && cachedStart == start && cachedSegment == segment) {
      state = cached;
    } else {
      state = Poseidon.permute(in[0], in[1], in[2]);
    }
    cached = state;
    cachedStart = start;
    cachedSegment = segment;
    out.set(new dev.hdp.cairo.vm.MaybeRelocatable.Int(state[index - 3]));
    return true;
  }

  @Override
  public void verifyAutoDeductions(Memory memory) {
    cached = null;
    super.verifyAutoDeductions(memory);
  }
}
