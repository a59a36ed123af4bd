package dev.hdp.cairo.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hdp.fixtures.SharedFixtures;
import java.math.BigInteger;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ProgramHashTest {
  private static StrippedProgram fibonacci() {
    return ProgramLoader.load(SharedFixtures.resolve("cairo/fibonacci_compiled.json")).strip();
  }

  @Test
  void pedersenHashOfFibonacciMatchesCairoHashProgram() {
    assertEquals(
        "0x4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45",
        ProgramHash.pedersen(fibonacci()).toHex());
  }

  @Test
  void poseidonHashOfFibonacciMatchesTheIndependentlyDerivedValue() {
    assertEquals(
        "0x289bc5c5043551001dcdf4539b099b17134fe9f8446552716608fc37a9f0740",
        ProgramHash.poseidon(fibonacci()).toHex());
  }

  @Test
  void anyChangedWordChangesTheHash() {
    StrippedProgram p = fibonacci();
    var data = new ArrayList<>(p.data());
    data.set(10, data.get(10).add(BigInteger.ONE));
    StrippedProgram mutated = new StrippedProgram(p.prime(), data, p.builtins(), p.main());
    assertNotEquals(ProgramHash.pedersen(p), ProgramHash.pedersen(mutated));
  }
}
