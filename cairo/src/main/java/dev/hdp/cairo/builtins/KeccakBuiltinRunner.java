package dev.hdp.cairo.builtins;

import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;
import java.math.BigInteger;

/**
 * The keccak builtin: eight 200-bit inputs, concatenated little-endian into the 1600-bit state,
 * permuted by Keccak-f[1600] and split into eight 200-bit outputs.
 */
public final class KeccakBuiltinRunner extends BuiltinRunner {
  private static final BigInteger MASK_200 = BigInteger.ONE.shiftLeft(200).subtract(BigInteger.ONE);

  public KeccakBuiltinRunner(boolean included, int ratio) {
    super("keccak", 16, 8, included, ratio);
  }

  @Override
  public boolean deduce(Memory memory, int segment, long offset, Word out) {
    int index = (int) (offset % 16);
    if (index < 8) {
      return false;
    }
    long start = offset - index;
    BigInteger state = BigInteger.ZERO;
    Word w = new Word();
    for (int i = 7; i >= 0; i--) {
      if (!readInt(memory, segment, start + i, w)) {
        return false;
      }
      BigInteger v = w.toBigInteger();
      if (v.bitLength() > 200) {
        throw new VmException(
            "keccak builtin: input "
                + v
                + " at "
                + segment
                + ":"
                + (start + i)
                + " exceeds 200 bits");
      }
      state = state.shiftLeft(200).or(v);
    }
    long[] lanes = new long[25];
    for (int i = 0; i < 25; i++) {
      lanes[i] = state.shiftRight(64 * i).longValue();
    }
    KeccakF.permute(lanes);
    BigInteger result = BigInteger.ZERO;
    for (int i = 24; i >= 0; i--) {
      result = result.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lanes[i])));
    }
    out.set(result.shiftRight(200 * (index - 8)).and(MASK_200));
    return true;
  }
}
