package dev.hdp.cairo.vm;

/**
 * A decoded Cairo instruction (see the Cairo paper, section 4.5). Offsets are already unbiased.
 *
 * @param op1Source one of {@link #OP1_OP0}, {@link #OP1_IMM}, {@link #OP1_FP}, {@link #OP1_AP}
 * @param res one of {@link #RES_OP1}, {@link #RES_ADD}, {@link #RES_MUL}, {@link
 *     #RES_UNCONSTRAINED}
 * @param pcUpdate one of {@link #PC_REGULAR}, {@link #PC_JUMP}, {@link #PC_JUMP_REL}, {@link
 *     #PC_JNZ}
 * @param apUpdate one of {@link #AP_REGULAR}, {@link #AP_ADD}, {@link #AP_ADD1}, {@link #AP_ADD2}
 * @param opcode one of {@link #OP_NOP}, {@link #OP_CALL}, {@link #OP_RET}, {@link #OP_ASSERT_EQ}
 */
public record Instruction(
    int off0,
    int off1,
    int off2,
    boolean dstFp,
    boolean op0Fp,
    int op1Source,
    int res,
    int pcUpdate,
    int apUpdate,
    int opcode) {
  public static final int OP1_OP0 = 0, OP1_IMM = 1, OP1_FP = 2, OP1_AP = 4;
  public static final int RES_OP1 = 0, RES_ADD = 1, RES_MUL = 2, RES_UNCONSTRAINED = 3;
  public static final int PC_REGULAR = 0, PC_JUMP = 1, PC_JUMP_REL = 2, PC_JNZ = 4;
  public static final int AP_REGULAR = 0, AP_ADD = 1, AP_ADD1 = 2, AP_ADD2 = 3;
  public static final int OP_NOP = 0, OP_CALL = 1, OP_RET = 2, OP_ASSERT_EQ = 4;

  /** 1, or 2 when an immediate follows. */
  public int size() {
    return op1Source == OP1_IMM ? 2 : 1;
  }

  /** Decodes an instruction word, which must be below 2^63. */
  public static Instruction decode(long word) {
    if (word < 0) {
      throw new VmException("instruction 0x" + Long.toHexString(word) + " has bit 63 set");
    }
    int off0 = (int) (word & 0xFFFF) - 0x8000;
    int off1 = (int) ((word >>> 16) & 0xFFFF) - 0x8000;
    int off2 = (int) ((word >>> 32) & 0xFFFF) - 0x8000;
    int flags = (int) (word >>> 48);
    boolean dstFp = (flags & 1) != 0;
    boolean op0Fp = (flags & 2) != 0;
    int op1Source = (flags >>> 2) & 7;
    if (Integer.bitCount(op1Source) > 1) {
      throw invalid(word, "op1 source flags " + op1Source);
    }
    int resFlags = (flags >>> 5) & 3;
    int pcFlags = (flags >>> 7) & 7;
    if (Integer.bitCount(pcFlags) > 1) {
      throw invalid(word, "pc update flags " + pcFlags);
    }
    int apFlags = (flags >>> 10) & 3;
    int opcode = (flags >>> 12) & 7;
    if (Integer.bitCount(opcode) > 1) {
      throw invalid(word, "opcode flags " + opcode);
    }
    if (op1Source == OP1_IMM && off2 != 1) {
      throw invalid(word, "an immediate operand needs off2 = 1, got " + off2);
    }
    int res;
    if (resFlags == 3) {
      throw invalid(word, "res flags 3");
    } else if (pcFlags == PC_JNZ) {
      if (resFlags != 0) {
        throw invalid(word, "jnz with a res computation");
      }
      res = RES_UNCONSTRAINED;
    } else {
      res = resFlags; // 0 op1, 1 add, 2 mul
    }
    int apUpdate;
    if (apFlags == 3) {
      throw invalid(word, "ap update flags 3");
    }
    if (opcode == OP_CALL) {
      if (apFlags != 0) {
        throw invalid(word, "call with an ap update");
      }
      apUpdate = AP_ADD2;
    } else {
      apUpdate = apFlags; // 0 regular, 1 add, 2 add1
    }
    return new Instruction(
        off0, off1, off2, dstFp, op0Fp, op1Source, res, pcFlags, apUpdate, opcode);
  }

  private static VmException invalid(long word, String why) {
    return new VmException("invalid instruction 0x" + Long.toHexString(word) + ": " + why);
  }
}
