package dev.hdp.cairo.builtins;

/**
 * The add_mod and mul_mod builtins: instances (p0..p3, values_ptr, offsets_ptr, n) describing
 * batches of modular operations over four 96-bit words; a hint fills the values.
 */
public final class ModBuiltinRunner extends BuiltinRunner {
  /** The number of 96-bit words of a value. */
  public static final int N_WORDS = 4;

  /** The word size in bits. */
  public static final int WORD_BITS = 96;

  private final boolean isAdd;

  private ModBuiltinRunner(String name, boolean isAdd, boolean included, int ratio) {
    super(name, 7, 7, included, ratio);
    this.isAdd = isAdd;
  }

  public static ModBuiltinRunner addMod(boolean included, int ratio) {
    return new ModBuiltinRunner("add_mod", true, included, ratio);
  }

  public static ModBuiltinRunner mulMod(boolean included, int ratio) {
    return new ModBuiltinRunner("mul_mod", false, included, ratio);
  }

  public boolean isAdd() {
    return isAdd;
  }

  /** Batch size (1 in every layout here). */
  public int batchSize() {
    return 1;
  }
}
