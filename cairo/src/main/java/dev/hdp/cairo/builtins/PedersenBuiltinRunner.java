package dev.hdp.cairo.builtins;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The Pedersen builtin: cells (x, y, pedersen(x, y)). */
public final class PedersenBuiltinRunner extends BuiltinRunner {
  private final TreeSet<Relocatable> verified = new TreeSet<>();

  public PedersenBuiltinRunner(boolean included, int ratio) {
    super("pedersen", 3, 2, included, ratio);
  }

  @Override
  public boolean deduce(Memory memory, int segment, long offset, Word out) {
    if (offset % 3 != 2) {
      return false;
    }
    Word x = new Word();
    Word y = new Word();
    if (!readInt(memory, segment, offset - 2, x) || !readInt(memory, segment, offset - 1, y)) {
      return false;
    }
    Felt252 h = PedersenHash.hash(x.toFelt(), y.toFelt());
    out.set(new dev.hdp.cairo.vm.MaybeRelocatable.Int(h));
    verified.add(new Relocatable(segment, offset));
    return true;
  }

  /** pedersen(x, y) of two integers (reduced modulo p). */
  public static java.math.BigInteger hash(java.math.BigInteger x, java.math.BigInteger y) {
    return PedersenHash.hash(Felt252.reduce(x), Felt252.reduce(y)).toBigInteger();
  }

  @Override
  public Object additionalData() {
    List<Object> out = new ArrayList<>();
    for (Relocatable r : verified) {
      out.add(List.of(r.segment(), r.offset()));
    }
    return out;
  }

  @Override
  public void loadAdditionalData(Object data) {
    if (data instanceof List<?> list) {
      for (Object item : list) {
        List<?> pair = (List<?>) item;
        verified.add(
            new Relocatable(((Number) pair.get(0)).intValue(), ((Number) pair.get(1)).longValue()));
      }
    }
  }
}
