package dev.hdp.cairo.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.Identifier;
import dev.hdp.fixtures.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Stone prover's golden proof-mode files: the program is in the first eight cells of the memory
 * file; running it in proof mode must reproduce both files byte for byte.
 */
class RelocationTest {
  @Test
  void reproducesStonesGoldenTraceAndMemoryFiles() throws Exception {
    byte[] memoryFile = Files.readAllBytes(SharedFixtures.resolve("cairo/stone_memory.bin"));
    byte[] traceFile = Files.readAllBytes(SharedFixtures.resolve("cairo/stone_trace.bin"));
    List<BigInteger> data = new ArrayList<>();
    for (int cell = 0; cell < 8; cell++) {
      byte[] be = new byte[33];
      for (int i = 0; i < 32; i++) {
        be[32 - i] = memoryFile[cell * 40 + 8 + i];
      }
      data.add(new BigInteger(be));
    }
    CompiledProgram program =
        new CompiledProgram(
            CompiledProgram.STARK_PRIME,
            data,
            List.of(),
            Map.of(),
            Map.of(
                "__main__.__start__", new Identifier.Label(0),
                "__main__.__end__", new Identifier.Label(6),
                "__main__.main", new Identifier.Function(0, List.of())),
            List.of(),
            List.of(),
            "__main__",
            null,
            null);
    CairoRunner runner =
        new CairoRunner(
            program, RunOptions.defaults().withLayout(Layout.PLAIN).withProofMode(true));
    runner.runUntilEnd();
    runner
        .vm()
        .runSteps(traceFile.length / 24 - runner.vm().steps()); // the golden run has 32 steps
    runner.endRun();
    ByteArrayOutputStream trace = new ByteArrayOutputStream();
    ByteArrayOutputStream memory = new ByteArrayOutputStream();
    Relocation relocation = runner.relocate();
    relocation.writeTrace(trace);
    relocation.writeMemory(memory);
    assertArrayEquals(traceFile, trace.toByteArray());
    assertArrayEquals(memoryFile, memory.toByteArray());

    // The public input Stone's golden run came with (values from the reference notes).
    Map<String, Object> air = AirPublicInput.of(runner);
    assertEquals("plain", air.get("layout"));
    assertEquals(32758L, air.get("rc_min"));
    assertEquals(32769L, air.get("rc_max"));
    assertEquals(32, air.get("n_steps"));
    assertEquals(
        Map.of(
            "program",
            Map.of("begin_addr", 1L, "stop_ptr", 7L),
            "execution",
            Map.of("begin_addr", 11L, "stop_ptr", 22L)),
        air.get("memory_segments"));
    List<?> publicMemory = (List<?>) air.get("public_memory");
    assertEquals(10, publicMemory.size());
    assertEquals(
        Map.of("address", 1L, "value", "0x480680017fff8000", "page", 0), publicMemory.get(0));
    assertEquals(Map.of("address", 9L, "value", "0xb", "page", 0), publicMemory.get(8));
  }
}
