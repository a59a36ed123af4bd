package dev.hdp.cairo.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.bootloader.FactTopology;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.compiler.CairoCompiler;
import dev.hdp.cairo.pie.CairoPie;
import dev.hdp.cairo.pie.PieCell;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.ProgramHash;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.program.StrippedProgram;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.RunOptions;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs StarkWare's simple bootloader (cairo-lang 0.14's {@code run_simple_bootloader}, from the
 * sources inside {@code bootloader_compiled.json}, under a small main compiled by our compiler) on
 * real tasks: two compiled programs with their inputs and a PIE.
 */
class SimpleBootloaderRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CAIRO = SharedFixtures.resolve("cairo");

  /** The main of cairo-lang's simple_bootloader.cairo without its builtin-simulation wrappers. */
  static final String MAIN =
      "%builtins output pedersen range_check ecdsa bitwise ec_op keccak poseidon range_check96"
          + " add_mod mul_mod\n"
          + "\n"
          + "from starkware.cairo.bootloaders.simple_bootloader.run_simple_bootloader import (\n"
          + "    run_simple_bootloader,\n"
          + ")\n"
          + "from starkware.cairo.common.cairo_builtins import HashBuiltin, PoseidonBuiltin\n"
          + "\n"
          + "func main{\n"
          + "    output_ptr: felt*,\n"
          + "    pedersen_ptr: HashBuiltin*,\n"
          + "    range_check_ptr,\n"
          + "    ecdsa_ptr,\n"
          + "    bitwise_ptr,\n"
          + "    ec_op_ptr,\n"
          + "    keccak_ptr,\n"
          + "    poseidon_ptr: PoseidonBuiltin*,\n"
          + "    range_check96_ptr,\n"
          + "    add_mod_ptr,\n"
          + "    mul_mod_ptr,\n"
          + "}() {\n"
          + "    %{\n"
          + "        from starkware.cairo.bootloaders.simple_bootloader.objects import"
          + " SimpleBootloaderInput\n"
          + "        simple_bootloader_input = SimpleBootloaderInput.Schema().load(program_input)\n"
          + "    %}\n"
          + "    run_simple_bootloader();\n"
          + "    return ();\n"
          + "}\n";

  @TempDir static Path sources;
  static CompiledProgram simpleBootloader;

  @BeforeAll
  static void compile() throws IOException {
    JsonNode bootloader = JSON.readTree(CAIRO.resolve("bootloader_compiled.json").toFile());
    for (var e : bootloader.get("debug_info").get("file_contents").properties()) {
      int src = e.getKey().lastIndexOf("src/");
      if (src < 0) {
        continue;
      }
      Path target = sources.resolve(e.getKey().substring(src + 4));
      Files.createDirectories(target.getParent());
      Files.writeString(target, e.getValue().asText());
    }
    simpleBootloader =
        new CairoCompiler(List.of(sources), false)
            .compile(MAIN, "simple_bootloader.cairo")
            .toProgram();
  }

  static CairoRunner run(CompiledProgram program, String input) throws IOException {
    RunOptions options =
        RunOptions.defaults()
            .withLayout(Layout.ALL_CAIRO)
            .withTrace(false)
            .withProgramInput(JSON.readTree(input.replace('\'', '"')));
    CairoRunner runner = new CairoRunner(program, options);
    SimpleBootloaderHints.setTaskDirectory(runner.hintEnvironment(), CAIRO);
    return runner.run();
  }

  static String tasks(boolean poseidon) {
    String hash = "'use_poseidon': " + poseidon;
    return "["
        + "{'type': 'RunProgramTask', 'path': 'fibonacci_compiled.json',"
        + " 'program_input': {'second_element': 1, 'fibonacci_claim_index': 10}, "
        + hash
        + "},"
        + "{'type': 'RunProgramTask', 'path': 'simple_output_compiled.json',"
        + " 'program_input': {'output': [5, 7, 11]}, "
        + hash
        + "},"
        + "{'type': 'CairoPiePath', 'path': 'fibonacci_pie.zip', "
        + hash
        + "}]";
  }

  /** Splits the bootloader output into per-task [size, hash, output...] after the task count. */
  static List<List<BigInteger>> taskOutputs(List<BigInteger> output) {
    List<List<BigInteger>> tasks = new ArrayList<>();
    int at = 1;
    for (int i = 0; i < output.get(0).intValueExact(); i++) {
      int size = output.get(at).intValueExact();
      tasks.add(output.subList(at, at + size));
      at += size;
    }
    assertEquals(output.size(), at, "the task outputs fill the bootloader output");
    return tasks;
  }

  static BigInteger hash(StrippedProgram p, boolean poseidon) {
    return (poseidon ? ProgramHash.poseidon(p) : ProgramHash.pedersen(p)).toBigInteger();
  }

  /** What fibonacci_compiled.json outputs after its claim index. */
  static BigInteger fibonacci(long secondElement, int claimIndex) {
    BigInteger a = BigInteger.ONE;
    BigInteger b = BigInteger.valueOf(secondElement);
    for (int i = 0; i < claimIndex; i++) {
      BigInteger next = a.add(b);
      a = b;
      b = next;
    }
    return b;
  }

  static List<BigInteger> ints(long... xs) {
    return java.util.Arrays.stream(xs).mapToObj(BigInteger::valueOf).toList();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void runsProgramAndPieTasks(boolean poseidon) throws IOException {
    CairoRunner runner =
        run(simpleBootloader, "{'tasks': " + tasks(poseidon) + ", 'single_page': false}");

    List<BigInteger> output = runner.output();
    assertEquals(BigInteger.valueOf(3), output.get(0));
    List<List<BigInteger>> tasks = taskOutputs(output);
    StrippedProgram fib = ProgramLoader.load(CAIRO.resolve("fibonacci_compiled.json")).strip();
    StrippedProgram out = ProgramLoader.load(CAIRO.resolve("simple_output_compiled.json")).strip();
    StrippedProgram pie = CairoPie.read(CAIRO.resolve("fibonacci_pie.zip")).metadata().program();

    assertEquals(4, tasks.get(0).size());
    assertEquals(hash(fib, poseidon), tasks.get(0).get(1));
    assertEquals(List.of(BigInteger.TEN, fibonacci(1, 10)), tasks.get(0).subList(2, 4));

    assertEquals(5, tasks.get(1).size());
    assertEquals(hash(out, poseidon), tasks.get(1).get(1));
    assertEquals(ints(5, 7, 11), tasks.get(1).subList(2, 5));

    assertEquals(4, tasks.get(2).size());
    assertEquals(hash(pie, poseidon), tasks.get(2).get(1));
    assertEquals(ints(1, 89), tasks.get(2).subList(2, 4));

    @SuppressWarnings("unchecked") // the hints' list
    List<FactTopology> topologies =
        (List<FactTopology>) runner.hintEnvironment().scopes().get("fact_topologies");
    assertEquals(
        List.of(FactTopology.trivial(2), FactTopology.trivial(3), FactTopology.trivial(2)),
        topologies);
    assertEquals(Map.of(), runner.outputBuiltin().pages(), "the tasks' pages are not left behind");
  }

  @Test
  void aRepeatedProgramReusesItsSegmentAndHash() throws IOException {
    String fib =
        "{'type': 'RunProgramTask', 'path': 'fibonacci_compiled.json',"
            + " 'program_input': {'second_element': %d, 'fibonacci_claim_index': %d},"
            + " 'program_hash_function': 'pedersen'}";
    CairoRunner runner =
        run(
            simpleBootloader,
            "{'tasks': ["
                + String.format(fib, 1, 10)
                + ","
                + String.format(fib, 2, 5)
                + "], 'single_page': true}");
    List<List<BigInteger>> tasks = taskOutputs(runner.output());
    BigInteger fibHash =
        new BigInteger("4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45", 16);
    assertEquals(
        List.of(BigInteger.valueOf(4), fibHash, BigInteger.TEN, fibonacci(1, 10)), tasks.get(0));
    assertEquals(fibHash, tasks.get(1).get(1));
    assertEquals(List.of(BigInteger.valueOf(5), fibonacci(2, 5)), tasks.get(1).subList(2, 4));

    // The second task hashed nothing: the Pedersen work is that of a single task.
    CairoRunner single =
        run(
            simpleBootloader,
            "{'tasks': [" + String.format(fib, 1, 10) + "], 'single_page': true}");
    assertEquals(pedersenInstances(single), pedersenInstances(runner));
    // A different hash function is not a repeat.
    CairoRunner mixed =
        run(
            simpleBootloader,
            "{'tasks': ["
                + String.format(fib, 1, 10)
                + ","
                + String.format(fib, 2, 5).replace("'pedersen'", "'poseidon'")
                + "], 'single_page': true}");
    assertEquals(
        hash(ProgramLoader.load(CAIRO.resolve("fibonacci_compiled.json")).strip(), true),
        taskOutputs(mixed.output()).get(1).get(1));
  }

  static int pedersenInstances(CairoRunner r) {
    return r.builtins().get("pedersen").usedInstances(r.memory());
  }

  @Test
  void badTasksFailWithTheirIndexAndField() {
    String[][] cases = {
      {
        "{'tasks': [{'type': 'RunProgramTask', 'path': 'fibonacci_compiled.json'}],"
            + " 'single_page': false}",
        "tasks[0]: exactly one of 'program_hash_function' and 'use_poseidon' is required"
      },
      {
        "{'tasks': [{'type': 'CairoPiePath', 'path': 'stone_trace.bin', 'use_poseidon': false}],"
            + " 'single_page': false}",
        "tasks[0].path: "
      },
      {
        "{'tasks': [{'type': 'CairoPiePath', 'path': 'fibonacci_pie.zip', 'use_poseidon': false},"
            + " {'type': 'CairoPiePath', 'path': 'fibonacci_pie.zip', 'use_poseidon': 1}],"
            + " 'single_page': false}",
        "tasks[1].use_poseidon: expected true or false"
      },
    };
    for (String[] c : cases) {
      VmException e = assertThrows(VmException.class, () -> run(simpleBootloader, c[0]));
      assertTrue(e.getMessage().contains("invalid bootloader input: " + c[1]), c[0] + " gave " + e);
    }
  }

  @Test
  void aCairo1PieRunsToo() throws IOException {
    CairoRunner runner =
        run(
            simpleBootloader,
            "{'tasks': [{'type': 'CairoPiePath', 'path': 'madara_fibonacci_pie.zip',"
                + " 'program_hash_function': 'pedersen'}], 'single_page': true}");
    StrippedProgram pie =
        CairoPie.read(CAIRO.resolve("madara_fibonacci_pie.zip")).metadata().program();
    assertEquals(
        List.of(List.of(BigInteger.valueOf(3), hash(pie, false), BigInteger.valueOf(89))),
        taskOutputs(runner.output()));
  }

  @Test
  void aPieIsReplayedNotTrusted(@TempDir Path dir) throws IOException {
    CairoPie pie = CairoPie.read(CAIRO.resolve("fibonacci_pie.zip"));
    int output = pie.metadata().builtinSegments().get("output").index();
    List<PieCell> forged = new ArrayList<>();
    for (PieCell c : pie.memory()) {
      boolean result = c.address().equals(new Relocatable(output, 1));
      forged.add(result ? new PieCell(c.address(), MaybeRelocatable.of(90)) : c);
    }
    new CairoPie(
            pie.metadata(), forged, pie.additionalData(), pie.executionResources(), pie.version())
        .write(dir.resolve("forged.zip"));
    VmException e =
        assertThrows(
            VmException.class,
            () ->
                run(
                    simpleBootloader,
                    "{'tasks': [{'type': 'CairoPiePath', 'path': '"
                        + dir.resolve("forged.zip")
                        + "', 'use_poseidon': false}], 'single_page': true}"));
    // The replay computes 89 where the forged PIE claims 90.
    assertTrue(e.getMessage().contains("89 != 90"), e.getMessage());
  }

  @Test
  void blakeHashedTasksAreRefusedClearly() {
    VmException e =
        assertThrows(
            VmException.class,
            () ->
                run(
                    simpleBootloader,
                    "{'tasks': [{'type': 'CairoPiePath', 'path': 'fibonacci_pie.zip',"
                        + " 'program_hash_function': 'blake'}], 'single_page': true}"));
    assertTrue(
        e.getMessage().contains("task 0: program_hash_function blake needs"), e.getMessage());
  }

  @Test
  void pagesSignaturesAndExtraSegmentsOfTasksAndPies(@TempDir Path dir) throws IOException {
    // builtin_usage_compiled.json adds an extra segment, an ECDSA signature and output pages with
    // a gps_fact_topology attribute; run it as a program (twice: its hints are loaded once per
    // address) and as the PIE of its own run.
    CompiledProgram usage = ProgramLoader.load(CAIRO.resolve("builtin_usage_compiled.json"));
    CairoRunner alone =
        new CairoRunner(usage, RunOptions.defaults().withLayout(Layout.ALL_CAIRO)).run();
    CairoPie.fromRun(alone).write(dir.resolve("usage.zip"));
    String program =
        "{'type': 'RunProgramTask', 'path': 'builtin_usage_compiled.json', 'use_poseidon': false}";
    CairoRunner runner =
        run(
            simpleBootloader,
            "{'tasks': ["
                + program
                + ","
                + program
                + ", {'type': 'CairoPiePath', 'path': '"
                + dir.resolve("usage.zip")
                + "', 'use_poseidon': false}], 'single_page': false}");

    List<List<BigInteger>> tasks = taskOutputs(runner.output());
    List<BigInteger> expected = new ArrayList<>();
    expected.add(BigInteger.valueOf(2 + alone.output().size()));
    expected.add(hash(usage.strip(), false));
    expected.addAll(alone.output());
    assertEquals(List.of(expected, expected, expected), tasks);
    FactTopology pages = new FactTopology(List.of(3, 2, 0, 1, 0, 2), List.of(1L, 2L, 2L));
    assertEquals(
        List.of(pages, pages, pages), runner.hintEnvironment().scopes().get("fact_topologies"));
    assertEquals(Map.of(), runner.outputBuiltin().pages(), "the tasks' pages are not left behind");
    assertEquals(3, runner.builtins().get("ecdsa").usedInstances(runner.memory()));
  }
}
