package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairoCommandTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = HdpMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void hashPrintsThePublishedFibonacciProgramHash() {
    Result r =
        run(
            "cairo",
            "hash",
            "--program",
            SharedFixtures.resolve("cairo/fibonacci_compiled.json").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "0x4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45", r.out().trim());
  }

  @Test
  void runPrintsTheOutputAndWritesAPieThatFactAccepts(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("input.json");
    Files.writeString(input, "{\"second_element\": 1, \"fibonacci_claim_index\": 10}");
    Path pie = dir.resolve("fib.zip");
    Result r =
        run(
            "cairo",
            "run",
            "--program",
            SharedFixtures.resolve("cairo/fibonacci_compiled.json").toString(),
            "--program-input",
            input.toString(),
            "--layout",
            "small",
            "--print-output",
            "--pie-out",
            pie.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Program output:\n  10\n  144\n"), r.out());
    Result fact = run("cairo", "fact", "--pie", pie.toString());
    assertEquals(0, fact.code(), fact.err());
    assertTrue(
        fact.out()
            .contains(
                "program hash: 0x4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45"),
        fact.out());
    assertTrue(fact.out().contains("output: [0xa, 0x90]"), fact.out());
  }

  @Test
  void factPrintsAFactForBothPieFixtures() {
    for (String name : new String[] {"fibonacci_pie.zip", "madara_fibonacci_pie.zip"}) {
      Result r = run("cairo", "fact", "--pie", SharedFixtures.resolve("cairo/" + name).toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(
          r.out()
              .matches("(?s)program hash: 0x[0-9a-f]+\noutput: \\[.*\\]\nfact: 0x[0-9a-f]{64}\n"),
          r.out());
    }
  }

  @Test
  void aMalformedProgramIsAnErrorNamingTheField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad, "{\"prime\": \"0x800000000000011000000000000000000000000000000000000000000000001\"}");
    Result r = run("cairo", "run", "--program", bad.toString());
    assertEquals(1, r.code());
    assertEquals("error: program.data is missing", r.err().trim());
  }

  /** cairo-lang's simple bootloader main without its builtin-simulation wrappers. */
  private static final String SIMPLE_BOOTLOADER =
      """
      %builtins output pedersen range_check ecdsa bitwise ec_op keccak poseidon range_check96 \
      add_mod mul_mod

      from starkware.cairo.bootloaders.simple_bootloader.run_simple_bootloader import (
          run_simple_bootloader,
      )
      from starkware.cairo.common.cairo_builtins import HashBuiltin, PoseidonBuiltin

      func main{
          output_ptr: felt*,
          pedersen_ptr: HashBuiltin*,
          range_check_ptr,
          ecdsa_ptr,
          bitwise_ptr,
          ec_op_ptr,
          keccak_ptr,
          poseidon_ptr: PoseidonBuiltin*,
          range_check96_ptr,
          add_mod_ptr,
          mul_mod_ptr,
      }() {
          %{
              from starkware.cairo.bootloaders.simple_bootloader.objects import SimpleBootloaderInput
              simple_bootloader_input = SimpleBootloaderInput.Schema().load(program_input)
          %}
          run_simple_bootloader();
          return ();
      }
      """;

  @Test
  void aBootloaderFindsItsTasksNextToItsInput(@TempDir Path dir) throws Exception {
    // The simple bootloader, compiled from the sources inside bootloader_compiled.json.
    var bootloader =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(SharedFixtures.resolve("cairo/bootloader_compiled.json").toFile());
    Path sources = dir.resolve("src");
    for (var e : bootloader.get("debug_info").get("file_contents").properties()) {
      int src = e.getKey().lastIndexOf("src/");
      if (src >= 0) {
        Path target = sources.resolve(e.getKey().substring(src + 4));
        Files.createDirectories(target.getParent());
        Files.writeString(target, e.getValue().asText());
      }
    }
    Path main = dir.resolve("simple_bootloader.cairo");
    Files.writeString(main, SIMPLE_BOOTLOADER);
    Path compiled = dir.resolve("simple_bootloader_compiled.json");
    Result c =
        run("cairo", "compile", "--cairo-path=" + sources, main.toString(), "--output=" + compiled);
    assertEquals(0, c.code(), c.err());

    Path tasks = copyFibonacciTasks(Files.createDirectories(dir.resolve("tasks")));
    Path input = tasks.resolve("input.json");
    Files.writeString(
        input,
        """
        {"tasks": [
          {"type": "RunProgramTask", "path": "fibonacci_compiled.json",
           "program_input": {"second_element": 1, "fibonacci_claim_index": 10},
           "program_hash_function": "pedersen"},
          {"type": "CairoPiePath", "path": "fib.zip", "use_poseidon": false}],
         "single_page": true}
        """);
    Result r = runBootloader(compiled, input);
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "Program output:\n  2\n  4\n  " + FIB_HASH_AS_PRINTED + "\n  10\n  144\n  4\n"),
        r.out());
    assertTrue(r.out().contains("\n  1\n  89\nNumber of steps"), r.out());
  }

  @Test
  void theCompiledBootloaderRunsWithAConfigAndWritesItsFactTopologies(@TempDir Path dir)
      throws Exception {
    copyFibonacciTasks(dir);
    Path input = dir.resolve("input.json");
    Files.writeString(
        input,
        """
        {"tasks": [
          {"type": "RunProgramTask", "path": "fibonacci_compiled.json",
           "program_input": {"second_element": 1, "fibonacci_claim_index": 10},
           "program_hash_function": "pedersen"},
          {"type": "CairoPiePath", "path": "fib.zip", "use_poseidon": false}],
         "single_page": false,
         "fact_topologies_path": "fact_topologies.json",
         "bootloader_config": {"supported_simple_bootloader_hash_list": [1],
           "supported_cairo_verifier_program_hashes": [2],
           "applicative_bootloader_program_hash": 3},
         "packed_outputs": [{"type": "PlainPackedOutput"}, {"type": "PlainPackedOutput"}]}
        """);
    Result r = runBootloader(SharedFixtures.resolve("cairo/bootloader_compiled.json"), input);
    assertEquals(0, r.code(), r.err());
    // After the three config words (the applicative hash second): the two tasks.
    assertTrue(
        r.out().contains("\n  3\n  ")
            && r.out().contains("\n  2\n  4\n  " + FIB_HASH_AS_PRINTED + "\n  10\n  144\n  4\n"),
        r.out());
    assertTrue(r.out().contains("\n  1\n  89\nNumber of steps"), r.out());
    // The fact topologies file lands next to the input, one topology per task.
    var topologies =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("fact_topologies.json").toFile())
            .get("fact_topologies");
    assertEquals(2, topologies.size());
    assertEquals("[2]", topologies.get(1).get("page_sizes").toString());
  }

  /** Copies the fibonacci program and PIE that the bootloader inputs name into {@code dir}. */
  private static Path copyFibonacciTasks(Path dir) throws IOException {
    Files.copy(
        SharedFixtures.resolve("cairo/fibonacci_compiled.json"),
        dir.resolve("fibonacci_compiled.json"));
    Files.copy(SharedFixtures.resolve("cairo/fibonacci_pie.zip"), dir.resolve("fib.zip"));
    return dir;
  }

  /**
   * fibonacci_compiled.json's program hash as the CLI prints it: felts above p/2 print as
   * negatives.
   */
  private static final String FIB_HASH_AS_PRINTED =
      new java.math.BigInteger(
              "4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45", 16)
          .subtract(dev.hdp.cairo.crypto.Felt252.PRIME)
          .toString();

  /** {@code cairo run} of a bootloader program on an input, printing its output. */
  private static Result runBootloader(Path program, Path input) {
    return run(
        "cairo",
        "run",
        "--program",
        program.toString(),
        "--program-input",
        input.toString(),
        "--layout",
        "all_cairo",
        "--print-output");
  }
}
