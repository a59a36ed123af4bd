package dev.hdp.cairo.vm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cairo CPU. One {@link #step()} runs the hints at pc, decodes the instruction, reads or
 * deduces its operands, checks the opcode's assertions, appends to the trace and updates the
 * registers, as the Cairo paper (section 4) and StarkWare's {@code vm_core.py} define it.
 *
 * <p>Operands live in reusable {@link Word}s and instructions decoded from the program segment are
 * cached, so a step allocates nothing.
 */
public final class VirtualMachine {
  private static final long OFFSET_MASK = (1L << 40) - 1;

  private final Memory memory;
  private final int programSegment;
  private Instruction[] decoded = new Instruction[0];
  private VmHint[][] hintsAtPc = new VmHint[0][];
  private final Map<Relocatable, List<VmHint>> hintsElsewhere = new HashMap<>();

  int pcSeg;
  long pcOff;
  int apSeg;
  long apOff;
  int fpSeg;
  long fpOff;
  private long steps;
  private boolean skipInstruction;

  private boolean traceEnabled = true;

  /** Trace entries (pc, ap, fp packed), in pages of 4096 entries. */
  private long[][] tracePages = new long[16][];

  private long[] tracePage;
  private int tracePageFill = TRACE_PAGE;
  private int traceLen;

  private static final int TRACE_PAGE = 3 << 12;

  private final Word dst = new Word();
  private final Word op0 = new Word();
  private final Word op1 = new Word();
  private final Word res = new Word();
  private final Word tmp = new Word();

  public VirtualMachine(Memory memory, int programSegment) {
    this.memory = memory;
    this.programSegment = programSegment;
  }

  public Memory memory() {
    return memory;
  }

  public void setRegisters(Relocatable pc, Relocatable ap, Relocatable fp) {
    pcSeg = pc.segment();
    pcOff = pc.offset();
    apSeg = ap.segment();
    apOff = ap.offset();
    fpSeg = fp.segment();
    fpOff = fp.offset();
  }

  public Relocatable pc() {
    return new Relocatable(pcSeg, pcOff);
  }

  public Relocatable ap() {
    return new Relocatable(apSeg, apOff);
  }

  public Relocatable fp() {
    return new Relocatable(fpSeg, fpOff);
  }

  /** Moves ap (hints such as {@code ap += n} are not allowed; used by the runner). */
  public void setAp(Relocatable ap) {
    apSeg = ap.segment();
    apOff = ap.offset();
  }

  public long steps() {
    return steps;
  }

  public void setTraceEnabled(boolean enabled) {
    traceEnabled = enabled;
  }

  /** Installs the hints of the program segment, indexed by pc offset. */
  public void setProgramHints(VmHint[][] byPc) {
    hintsAtPc = byPc.clone();
  }

  /** Adds a hint at any address (code loaded at run time). */
  public void addHint(Relocatable pc, VmHint hint) {
    if (pc.segment() == programSegment && pc.offset() >= 0 && pc.offset() < hintsAtPc.length) {
      VmHint[] old = hintsAtPc[(int) pc.offset()];
      VmHint[] grown = old == null ? new VmHint[1] : Arrays.copyOf(old, old.length + 1);
      grown[grown.length - 1] = hint;
      hintsAtPc[(int) pc.offset()] = grown;
    } else {
      hintsElsewhere.computeIfAbsent(pc, k -> new ArrayList<>()).add(hint);
    }
  }

  /**
   * Replaces the hints at an address with these (none removes them), as {@code vm_load_program}
   * does when it loads a program where one was loaded before.
   */
  public void setHints(Relocatable pc, List<VmHint> hints) {
    if (pc.segment() == programSegment && pc.offset() >= 0 && pc.offset() < hintsAtPc.length) {
      hintsAtPc[(int) pc.offset()] = hints.isEmpty() ? null : hints.toArray(VmHint[]::new);
    } else if (hints.isEmpty()) {
      hintsElsewhere.remove(pc);
    } else {
      hintsElsewhere.put(pc, new ArrayList<>(hints));
    }
  }

  /** Asks the VM not to execute the current instruction (a hint's {@code skip}). */
  public void skipInstruction() {
    skipInstruction = true;
  }

  /** Runs until pc reaches {@code end}, or fails after {@code maxSteps}. */
  public void runUntilPc(Relocatable end, long maxSteps) {
    int endSeg = end.segment();
    long endOff = end.offset();
    while (pcOff != endOff || pcSeg != endSeg) {
      if (steps >= maxSteps) {
        throw new VmException("step limit " + maxSteps + " reached at pc " + pc());
      }
      step();
    }
  }

  /** Runs exactly {@code n} more steps. */
  public void runSteps(long n) {
    for (long i = 0; i < n; i++) {
      step();
    }
  }

  /** One step of the machine. */
  public void step() {
    if (pcSeg == programSegment) {
      if (pcOff < hintsAtPc.length) {
        VmHint[] hints = hintsAtPc[(int) pcOff];
        if (hints != null) {
          for (VmHint h : hints) {
            h.run(this);
          }
        }
      }
    } else if (!hintsElsewhere.isEmpty()) {
      List<VmHint> hints = hintsElsewhere.get(pc());
      if (hints != null) {
        for (VmHint h : hints) {
          h.run(this);
        }
      }
    }
    if (skipInstruction) {
      skipInstruction = false;
      return;
    }
    Instruction ins = decodeCurrent();
    execute(ins);
  }

  private Instruction decodeCurrent() {
    if (pcSeg == programSegment && pcOff < decoded.length) {
      Instruction cached = decoded[(int) pcOff];
      if (cached != null) {
        return cached;
      }
    }
    if (!memory.load(pcSeg, pcOff, tmp)) {
      throw new VmException("no instruction at pc " + pc());
    }
    if (tmp.kind != Word.INT || (tmp.l1 | tmp.l2 | tmp.l3) != 0 || tmp.l0 < 0) {
      throw new VmException("the value at pc " + pc() + " is not an instruction: " + tmp);
    }
    Instruction ins = Instruction.decode(tmp.l0);
    memory.markAccessed(pcSeg, pcOff); // cached instructions stay marked
    if (pcSeg == programSegment && pcOff < (1 << 24)) {
      if (pcOff >= decoded.length) {
        decoded = Arrays.copyOf(decoded, Math.max((int) pcOff + 1, memory.usedSize(pcSeg)));
      }
      decoded[(int) pcOff] = ins;
    }
    return ins;
  }

  private void execute(Instruction ins) {
    final int size = ins.op1Source() == Instruction.OP1_IMM ? 2 : 1;
    // Addresses.
    int dstSeg = ins.dstFp() ? fpSeg : apSeg;
    long dstAddr = (ins.dstFp() ? fpOff : apOff) + ins.off0();
    int op0Seg = ins.op0Fp() ? fpSeg : apSeg;
    long op0Addr = (ins.op0Fp() ? fpOff : apOff) + ins.off1();
    boolean hasDst = memory.loadAccessed(dstSeg, dstAddr, dst);
    boolean hasOp0 = memory.loadAccessed(op0Seg, op0Addr, op0);
    int op1Seg;
    long op1Addr;
    switch (ins.op1Source()) {
      case Instruction.OP1_IMM -> {
        op1Seg = pcSeg;
        op1Addr = pcOff + ins.off2();
      }
      case Instruction.OP1_FP -> {
        op1Seg = fpSeg;
        op1Addr = fpOff + ins.off2();
      }
      case Instruction.OP1_AP -> {
        op1Seg = apSeg;
        op1Addr = apOff + ins.off2();
      }
      default -> {
        if (!hasOp0) {
          throw fail("op0 must be known in double dereference");
        }
        if (op0.kind != Word.RELOC) {
          throw fail("op0 is not an address in double dereference: " + op0);
        }
        op1Seg = op0.segment();
        op1Addr = op0.l0 + ins.off2();
      }
    }
    boolean hasOp1 = memory.loadAccessed(op1Seg, op1Addr, op1);
    final boolean dstWasSet = hasDst;
    final boolean op0WasSet = hasOp0;
    final boolean op1WasSet = hasOp1;
    boolean hasRes = false;
    final int opcode = ins.opcode();

    if (!hasOp0) {
      SegmentRule rule = memory.segment(op0Seg).rule;
      if (rule != null && rule.deduce(memory, op0Seg, op0Addr, op0)) {
        hasOp0 = true;
      } else if (opcode == Instruction.OP_CALL) {
        op0.setReloc(pcSeg, pcOff + size);
        hasOp0 = true;
      } else if (opcode == Instruction.OP_ASSERT_EQ && hasDst && hasOp1) {
        if (ins.res() == Instruction.RES_ADD) {
          hasOp0 = subValues(dst, op1, op0);
          if (hasOp0) {
            res.set(dst);
            hasRes = true;
          }
        } else if (ins.res() == Instruction.RES_MUL
            && dst.kind == Word.INT
            && op1.kind == Word.INT
            && !op1.isZeroInt()) {
          FieldLimbs.div(dst, op1, op0);
          res.set(dst);
          hasRes = true;
          hasOp0 = true;
        }
      }
      if (!hasOp0) {
        throw fail("cannot deduce op0 at " + op0Seg + ":" + op0Addr);
      }
      memory.store(op0Seg, op0Addr, op0);
    }
    if (!hasOp1) {
      SegmentRule rule = memory.segment(op1Seg).rule;
      if (rule != null && rule.deduce(memory, op1Seg, op1Addr, op1)) {
        hasOp1 = true;
      } else if (opcode == Instruction.OP_ASSERT_EQ && hasDst) {
        switch (ins.res()) {
          case Instruction.RES_OP1 -> {
            op1.set(dst);
            res.set(dst);
            hasRes = true;
            hasOp1 = true;
          }
          case Instruction.RES_ADD -> {
            if (subValues(dst, op0, op1)) {
              res.set(dst);
              hasRes = true;
              hasOp1 = true;
            }
          }
          case Instruction.RES_MUL -> {
            if (dst.kind == Word.INT && op0.kind == Word.INT && !op0.isZeroInt()) {
              FieldLimbs.div(dst, op0, op1);
              res.set(dst);
              hasRes = true;
              hasOp1 = true;
            }
          }
          default -> {}
        }
      }
      if (!hasOp1) {
        throw fail("cannot deduce op1 at " + op1Seg + ":" + op1Addr);
      }
      memory.store(op1Seg, op1Addr, op1);
    }
    if (!hasRes) {
      switch (ins.res()) {
        case Instruction.RES_OP1 -> {
          res.set(op1);
          hasRes = true;
        }
        case Instruction.RES_ADD -> {
          addValues(op0, op1, res);
          hasRes = true;
        }
        case Instruction.RES_MUL -> {
          if (op0.kind != Word.INT || op1.kind != Word.INT) {
            throw fail("cannot multiply " + op0 + " by " + op1);
          }
          FieldLimbs.mul(op0, op1, res);
          hasRes = true;
        }
        default -> {}
      }
    }
    if (!hasDst) {
      if (opcode == Instruction.OP_ASSERT_EQ && hasRes) {
        dst.set(res);
      } else if (opcode == Instruction.OP_CALL) {
        dst.setReloc(fpSeg, fpOff);
      } else {
        throw fail("cannot deduce dst at " + dstSeg + ":" + dstAddr);
      }
      memory.store(dstSeg, dstAddr, dst);
    }

    // Assertions.
    if (opcode == Instruction.OP_ASSERT_EQ) {
      if (!hasRes) {
        throw fail("assert_eq with an unconstrained res");
      }
      if (!dst.sameAs(res)) {
        throw fail("An ASSERT_EQ instruction failed: " + dst + " != " + res);
      }
    } else if (opcode == Instruction.OP_CALL) {
      if (op0.kind != Word.RELOC || op0.segment() != pcSeg || op0.l0 != pcOff + size) {
        throw fail(
            "call must write the return pc " + pcSeg + ":" + (pcOff + size) + ", got " + op0);
      }
      if (dst.kind != Word.RELOC || dst.segment() != fpSeg || dst.l0 != fpOff) {
        throw fail("call must write the old fp " + fpSeg + ":" + fpOff + ", got " + dst);
      }
    }

    // Trace (registers before the update) and accesses.
    if (traceEnabled) {
      if (tracePageFill == TRACE_PAGE) {
        int page = traceLen / TRACE_PAGE;
        if (page == tracePages.length) {
          tracePages = Arrays.copyOf(tracePages, page * 2);
        }
        tracePage = tracePages[page] = new long[TRACE_PAGE];
        tracePageFill = 0;
      }
      tracePage[tracePageFill] = pack(pcSeg, pcOff);
      tracePage[tracePageFill + 1] = pack(apSeg, apOff);
      tracePage[tracePageFill + 2] = pack(fpSeg, fpOff);
      tracePageFill += 3;
      traceLen += 3;
    }
    // Cells read above are already marked (and the instruction when it was decoded); mark the
    // deduced ones.
    if (!dstWasSet) {
      memory.markAccessed(dstSeg, dstAddr);
    }
    if (!op0WasSet) {
      memory.markAccessed(op0Seg, op0Addr);
    }
    if (!op1WasSet) {
      memory.markAccessed(op1Seg, op1Addr);
    }

    // Register updates: fp, then ap, then pc.
    int newFpSeg = fpSeg;
    long newFpOff = fpOff;
    if (opcode == Instruction.OP_CALL) {
      newFpSeg = apSeg;
      newFpOff = apOff + 2;
    } else if (opcode == Instruction.OP_RET) {
      if (dst.kind != Word.RELOC) {
        throw fail("ret needs an address in dst for fp, got " + dst);
      }
      newFpSeg = dst.segment();
      newFpOff = dst.l0;
    }
    switch (ins.apUpdate()) {
      case Instruction.AP_ADD -> {
        if (!hasRes) {
          throw fail("ap += res with an unconstrained res");
        }
        apOff += smallInt(res, "ap += res");
      }
      case Instruction.AP_ADD1 -> apOff += 1;
      case Instruction.AP_ADD2 -> apOff += 2;
      default -> {}
    }
    switch (ins.pcUpdate()) {
      case Instruction.PC_REGULAR -> pcOff += size;
      case Instruction.PC_JUMP -> {
        if (!hasRes || res.kind != Word.RELOC) {
          throw fail("an absolute jump needs an address, got " + (hasRes ? res : "none"));
        }
        pcSeg = res.segment();
        pcOff = res.l0;
      }
      case Instruction.PC_JUMP_REL -> {
        if (!hasRes) {
          throw fail("a relative jump with an unconstrained res");
        }
        pcOff += smallInt(res, "jmp rel");
      }
      default -> { // JNZ
        if (isZero(dst)) {
          pcOff += size;
        } else {
          pcOff += smallInt(op1, "jnz offset");
        }
      }
    }
    fpSeg = newFpSeg;
    fpOff = newFpOff;
    if (apOff < 0 || pcOff < 0 || fpOff < 0) {
      throw fail("a register went negative");
    }
    steps++;
  }

  private boolean isZero(Word w) {
    if (w.kind == Word.INT) {
      return (w.l0 | w.l1 | w.l2 | w.l3) == 0;
    }
    if (w.kind == Word.RELOC && w.l0 >= 0) {
      return false;
    }
    throw fail("jnz on a bad value " + w);
  }

  private long smallInt(Word w, String what) {
    if (w.kind != Word.INT) {
      throw fail(what + " needs an integer, got " + w);
    }
    long v = FieldLimbs.toSignedSmall(w);
    if (v == Long.MIN_VALUE) {
      throw fail(what + " is out of range: " + w);
    }
    return v;
  }

  /** out = a + b for felts and addresses; address + address is an error. */
  void addValues(Word a, Word b, Word out) {
    if (a.kind == Word.INT && b.kind == Word.INT) {
      FieldLimbs.add(a, b, out);
    } else if (a.kind == Word.RELOC && b.kind == Word.INT) {
      long off = a.l0 + smallInt(b, "address offset");
      out.setReloc(a.segment(), off);
    } else if (a.kind == Word.INT && b.kind == Word.RELOC) {
      long off = b.l0 + smallInt(a, "address offset");
      out.setReloc(b.segment(), off);
    } else {
      throw fail("cannot add two addresses " + a + " and " + b);
    }
  }

  /** out = a - b; returns false when the difference is undefined (int minus address). */
  boolean subValues(Word a, Word b, Word out) {
    if (a.kind == Word.INT && b.kind == Word.INT) {
      FieldLimbs.sub(a, b, out);
      return true;
    }
    if (a.kind == Word.RELOC && b.kind == Word.INT) {
      out.setReloc(a.segment(), a.l0 - smallInt(b, "address offset"));
      return true;
    }
    if (a.kind == Word.RELOC && b.kind == Word.RELOC) {
      if (a.segment() != b.segment()) {
        throw fail("cannot subtract addresses of different segments " + a + " and " + b);
      }
      FieldLimbs.setSigned(a.l0 - b.l0, out);
      return true;
    }
    return false;
  }

  private VmException fail(String message) {
    return new VmException(message + " (pc " + pc() + ", step " + steps + ")");
  }

  private static long pack(int seg, long off) {
    return ((long) seg << 40) | (off & OFFSET_MASK);
  }

  /** The number of trace entries. */
  public int traceLength() {
    return traceLen / 3;
  }

  /** Trace entry {@code i}: {pc, ap, fp} as addresses. */
  public Relocatable[] traceEntry(int i) {
    long[] page = tracePages[(3 * i) / TRACE_PAGE];
    int at = (3 * i) % TRACE_PAGE;
    return new Relocatable[] {unpack(page[at]), unpack(page[at + 1]), unpack(page[at + 2])};
  }

  private static Relocatable unpack(long v) {
    return new Relocatable((int) (v >> 40), v & OFFSET_MASK);
  }
}
