package dev.hdp.cairo.builtins;

import dev.hdp.cairo.crypto.EcArithmeticException;
import dev.hdp.cairo.crypto.EcPoint;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.StarkCurve;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;
import java.math.BigInteger;

/**
 * The ec_op builtin: (P, Q, m) gives R = P + m·Q on the STARK curve, by the same double-and-add the
 * AIR uses (256 rounds; a sum whose operands share an x coordinate is an error).
 */
public final class EcOpBuiltinRunner extends BuiltinRunner {
  private static final int SCALAR_HEIGHT = 256;

  public EcOpBuiltinRunner(boolean included, int ratio) {
    super("ec_op", 7, 5, included, ratio);
  }

  @Override
  public boolean deduce(Memory memory, int segment, long offset, Word out) {
    int index = (int) (offset % 7);
    if (index < 5) {
      return false;
    }
    long start = offset - index;
    BigInteger[] in = new BigInteger[5];
    Word w = new Word();
    for (int i = 0; i < 5; i++) {
      if (!readInt(memory, segment, start + i, w)) {
        return false;
      }
      in[i] = w.toBigInteger();
    }
    Felt252 px = Felt252.of(in[0]);
    Felt252 py = Felt252.of(in[1]);
    Felt252 qx = Felt252.of(in[2]);
    Felt252 qy = Felt252.of(in[3]);
    if (!StarkCurve.isOnCurve(px, py)) {
      throw new VmException(
          "ec_op builtin: P at " + segment + ":" + start + " is not on the curve");
    }
    if (!StarkCurve.isOnCurve(qx, qy)) {
      throw new VmException(
          "ec_op builtin: Q at " + segment + ":" + (start + 2) + " is not on the curve");
    }
    EcPoint r;
    try {
      r = StarkCurve.ecOp(EcPoint.of(px, py), EcPoint.of(qx, qy), in[4], SCALAR_HEIGHT);
    } catch (EcArithmeticException e) {
      throw new VmException("ec_op builtin at " + segment + ":" + start + ": " + e.getMessage());
    }
    out.set(new MaybeRelocatable.Int(index == 5 ? r.x() : r.y()));
    return true;
  }
}
