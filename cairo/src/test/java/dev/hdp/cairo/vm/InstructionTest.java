package dev.hdp.cairo.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InstructionTest {
  @Test
  void decodesAssertImmediateWithApIncrement() {
    Instruction i = Instruction.decode(0x480680017fff8000L);
    assertEquals(
        new Instruction(
            0,
            -1,
            1,
            false,
            true,
            Instruction.OP1_IMM,
            Instruction.RES_OP1,
            Instruction.PC_REGULAR,
            Instruction.AP_ADD1,
            Instruction.OP_ASSERT_EQ),
        i);
    assertEquals(2, i.size());
  }

  @Test
  void decodesRetCallAndJumps() {
    Instruction ret = Instruction.decode(0x208b7fff7fff7ffeL);
    assertEquals(Instruction.OP_RET, ret.opcode());
    assertEquals(Instruction.PC_JUMP, ret.pcUpdate());
    assertEquals(-2, ret.off0());
    Instruction call = Instruction.decode(0x1104800180018000L);
    assertEquals(Instruction.OP_CALL, call.opcode());
    assertEquals(Instruction.AP_ADD2, call.apUpdate());
    assertEquals(Instruction.PC_JUMP_REL, call.pcUpdate());
    assertEquals(Instruction.PC_JUMP_REL, Instruction.decode(0x10780017fff7fffL).pcUpdate());
    assertEquals(Instruction.AP_ADD, Instruction.decode(0x40780017fff7fffL).apUpdate());
    Instruction add = Instruction.decode(0x48307fff7ffe8000L);
    assertEquals(Instruction.RES_ADD, add.res());
    assertEquals(Instruction.OP1_AP, add.op1Source());
  }

  @Test
  void rejectsInvalidFlagCombinations() {
    // two opcode bits (call and ret)
    assertEquals(
        "invalid instruction 0x3000800080008000: opcode flags 3",
        assertThrows(VmException.class, () -> Instruction.decode(0x3000800080008000L))
            .getMessage());
    // jnz with res add
    assertThrows(VmException.class, () -> Instruction.decode(0x0220800080008000L));
    // call with ap++
    assertThrows(VmException.class, () -> Instruction.decode(0x1804800180008000L));
    // immediate with off2 != 1
    assertThrows(VmException.class, () -> Instruction.decode(0x4806800280008000L));
    assertThrows(VmException.class, () -> Instruction.decode(-1L));
  }
}
