package dev.hdp.cairo.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemoryTest {
  @Test
  void cellsAreWriteOnce() {
    Memory m = new Memory();
    Relocatable base = m.addSegment();
    m.set(base.add(5000), MaybeRelocatable.of(7)); // on a second page
    m.set(base.add(5000), MaybeRelocatable.of(7)); // the same value again is fine
    assertEquals(
        "inconsistent memory at 0:5000: holds 7, cannot write 8",
        assertThrows(VmException.class, () -> m.set(base.add(5000), MaybeRelocatable.of(8)))
            .getMessage());
    assertEquals(5001, m.usedSize(0));
    assertNull(m.get(base.add(4999)));
    assertNull(m.get(base.add(1 << 20)));
  }

  @Test
  void temporarySegmentsMoveWhereTheirRulesSayAndPointersFollow() {
    Memory m = new Memory();
    Relocatable data = m.addSegment();
    Relocatable target = m.addSegment();
    Relocatable temp = m.addTemporarySegment();
    assertEquals(-1, temp.segment());
    m.set(temp, MaybeRelocatable.of(11));
    m.set(temp.add(1), MaybeRelocatable.of(12));
    m.set(data, temp.add(1)); // a pointer into the temporary segment
    m.set(target, MaybeRelocatable.of(10));
    m.addRelocationRule(temp, target.add(1));
    m.relocateTemporarySegments();
    assertEquals(MaybeRelocatable.of(11), m.get(target.add(1)));
    assertEquals(MaybeRelocatable.of(12), m.get(target.add(2)));
    assertEquals(target.add(2), m.get(data));
    assertEquals(0, m.usedSize(-1));
  }

  @Test
  void relocationThatContradictsExistingCellsFails() {
    Memory m = new Memory();
    Relocatable target = m.addSegment();
    Relocatable temp = m.addTemporarySegment();
    m.set(temp, MaybeRelocatable.of(1));
    m.set(target, MaybeRelocatable.of(2));
    m.addRelocationRule(temp, target);
    assertThrows(VmException.class, m::relocateTemporarySegments);
    assertFalse(m.isAccessed(0, 0));
  }
}
