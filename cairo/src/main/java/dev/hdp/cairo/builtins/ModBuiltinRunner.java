package dev.hdp.cairo.builtins;

import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import java.math.BigInteger;

/**
 * The add_mod and mul_mod builtins: instances (p0..p3, values_ptr, offsets_ptr, n), each naming
 * operations {@code a op b ≡ c (mod p)} over values of four 96-bit words stored at {@code
 * values_ptr + offset}, the offsets read three at a time from {@code offsets_ptr}. A hint ({@link
 * #fillMemory}) fills the later instances and the unknown values; the end-of-run check verifies
 * every operation.
 */
public final class ModBuiltinRunner extends BuiltinRunner {
  /** The number of 96-bit words of a value. */
  public static final int N_WORDS = 4;

  /** The word size in bits. */
  public static final int WORD_BITS = 96;

  static final int VALUES_PTR = 4;
  static final int OFFSETS_PTR = 5;
  static final int N = 6;
  private static final BigInteger WORD_MASK =
      BigInteger.ONE.shiftLeft(WORD_BITS).subtract(BigInteger.ONE);

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

  /** The inputs of an instance. */
  record Inputs(
      BigInteger p, Relocatable valuesPtr, Relocatable offsetsPtr, long n, BigInteger[] pWords) {}

  static Inputs readInputs(Memory memory, Relocatable addr) {
    BigInteger[] words = new BigInteger[N_WORDS];
    BigInteger p = BigInteger.ZERO;
    for (int i = N_WORDS - 1; i >= 0; i--) {
      words[i] = intAt(memory, addr.add(i));
      p = p.shiftLeft(WORD_BITS).add(words[i]);
    }
    return new Inputs(
        p,
        ptrAt(memory, addr.add(VALUES_PTR)),
        ptrAt(memory, addr.add(OFFSETS_PTR)),
        intAt(memory, addr.add(N)).longValueExact(),
        words);
  }

  private static BigInteger intAt(Memory memory, Relocatable a) {
    MaybeRelocatable v = memory.get(a);
    if (!(v instanceof MaybeRelocatable.Int i)) {
      throw new VmException("mod builtin: expected an integer at " + a + ", found " + v);
    }
    return i.value().toBigInteger();
  }

  private static Relocatable ptrAt(Memory memory, Relocatable a) {
    MaybeRelocatable v = memory.get(a);
    if (!(v instanceof Relocatable r)) {
      throw new VmException("mod builtin: expected a pointer at " + a + ", found " + v);
    }
    return r;
  }

  /** A value of four words, or null if a word is missing. */
  private static BigInteger readValue(Memory memory, Relocatable addr) {
    BigInteger v = BigInteger.ZERO;
    for (int i = N_WORDS - 1; i >= 0; i--) {
      MaybeRelocatable w = memory.get(addr.add(i));
      if (w == null) {
        return null;
      }
      if (!(w instanceof MaybeRelocatable.Int n)
          || n.value().toBigInteger().bitLength() > WORD_BITS) {
        throw new VmException(
            "mod builtin: word at " + addr.add(i) + " is not a 96-bit integer: " + w);
      }
      v = v.shiftLeft(WORD_BITS).add(n.value().toBigInteger());
    }
    return v;
  }

  private static void writeValue(Memory memory, Relocatable addr, BigInteger v) {
    for (int i = 0; i < N_WORDS; i++) {
      memory.set(addr.add(i), MaybeRelocatable.of(v.shiftRight(WORD_BITS * i).and(WORD_MASK)));
    }
  }

  private Relocatable[] operands(Memory memory, Inputs in, long index) {
    Relocatable[] out = new Relocatable[3];
    for (int i = 0; i < 3; i++) {
      long offset = intAt(memory, in.offsetsPtr().add(3 * index + i)).longValueExact();
      out[i] = in.valuesPtr().add(offset);
    }
    return out;
  }

  /** Fills value {@code index} if two of (a, b, c) are known; returns whether all three are. */
  private boolean fillValue(Memory memory, Inputs in, long index) {
    Relocatable[] addr = operands(memory, in, index);
    BigInteger a = readValue(memory, addr[0]);
    BigInteger b = readValue(memory, addr[1]);
    BigInteger c = readValue(memory, addr[2]);
    BigInteger p = in.p();
    if (a != null && b != null && c == null) {
      writeValue(memory, addr[2], isAdd ? a.add(b).mod(p) : a.multiply(b).mod(p));
      return true;
    }
    if (a != null && b == null && c != null) {
      writeValue(memory, addr[1], isAdd ? c.subtract(a).mod(p) : c.multiply(inverse(a, p)).mod(p));
      return true;
    }
    if (a == null && b != null && c != null) {
      writeValue(memory, addr[0], isAdd ? c.subtract(b).mod(p) : c.multiply(inverse(b, p)).mod(p));
      return true;
    }
    return a != null && b != null && c != null;
  }

  private static BigInteger inverse(BigInteger x, BigInteger p) {
    try {
      return x.modInverse(p);
    } catch (ArithmeticException e) {
      throw new VmException("mul_mod builtin: " + x + " has no inverse modulo " + p);
    }
  }

  private void fillInputs(Memory memory, Relocatable addr, Inputs in, long nInstances) {
    if (nInstances > 0 && in.n() < nInstances) {
      throw new VmException(
          name() + " builtin: n = " + in.n() + " but " + nInstances + " operations");
    }
    for (long k = 1; k < nInstances; k++) {
      Relocatable inst = addr.add(7 * k);
      for (int i = 0; i < N_WORDS; i++) {
        memory.set(inst.add(i), MaybeRelocatable.of(in.pWords()[i]));
      }
      memory.set(inst.add(VALUES_PTR), in.valuesPtr());
      memory.set(inst.add(OFFSETS_PTR), in.offsetsPtr().add(3 * k));
      memory.set(inst.add(N), MaybeRelocatable.of(in.n() - k));
    }
  }

  /**
   * {@code ModBuiltinRunner.fill_memory}: completes the instances after the first and fills the
   * values table, alternating add and mul operations until every one is known.
   */
  public static void fillMemory(
      Memory memory,
      Relocatable addAddr,
      ModBuiltinRunner add,
      long addN,
      Relocatable mulAddr,
      ModBuiltinRunner mul,
      long mulN) {
    Inputs addIn = addN > 0 ? readInputs(memory, addAddr) : null;
    Inputs mulIn = mulN > 0 ? readInputs(memory, mulAddr) : null;
    if (addIn != null) {
      add.fillInputs(memory, addAddr, addIn, addN);
    }
    if (mulIn != null) {
      mul.fillInputs(memory, mulAddr, mulIn, mulN);
    }
    long addIndex = 0;
    long mulIndex = 0;
    while (addIndex < addN || mulIndex < mulN) {
      if (addIndex < addN && add.fillValue(memory, addIn, addIndex)) {
        addIndex++;
      } else if (mulIndex < mulN && mul.fillValue(memory, mulIn, mulIndex)) {
        mulIndex++;
      } else {
        throw new VmException(
            "could not fill the values table, add_mod_index="
                + addIndex
                + ", mul_mod_index="
                + mulIndex);
      }
    }
  }

  /** Checks every operation of every instance: {@code a op b ≡ c (mod p)}. */
  @Override
  public void verifyAutoDeductions(Memory memory) {
    int seg = segmentIndex();
    int instances = usedInstances(memory);
    for (int k = 0; k < instances; k++) {
      Relocatable addr = new Relocatable(seg, 7L * k);
      if (!memory.isSet(addr.add(N))) {
        continue;
      }
      Inputs in = readInputs(memory, addr);
      if (in.n() < 1) {
        throw new VmException(
            name() + " builtin instance " + k + ": n must be positive, got " + in.n());
      }
      Relocatable[] op = operands(memory, in, 0);
      BigInteger a = readValue(memory, op[0]);
      BigInteger b = readValue(memory, op[1]);
      BigInteger c = readValue(memory, op[2]);
      if (a == null || b == null || c == null) {
        throw new VmException(name() + " builtin instance " + k + ": a value is missing");
      }
      BigInteger lhs = isAdd ? a.add(b) : a.multiply(b);
      if (in.p().signum() == 0 || lhs.subtract(c).mod(in.p()).signum() != 0) {
        throw new VmException(
            name()
                + " builtin instance "
                + k
                + ": "
                + a
                + (isAdd ? " + " : " * ")
                + b
                + " != "
                + c
                + " (mod "
                + in.p()
                + ")");
      }
    }
  }
}
