package dev.hdp.cairo.hints;

import static dev.hdp.cairo.hints.SimpleBootloaderRunTest.fibonacci;
import static dev.hdp.cairo.hints.SimpleBootloaderRunTest.hash;
import static dev.hdp.cairo.hints.SimpleBootloaderRunTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.bootloader.BootloaderConfig;
import dev.hdp.cairo.bootloader.FactTopology;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;
import dev.hdp.cairo.pie.CairoPie;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.program.StrippedProgram;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs StarkWare's compiled bootloader and applicative bootloader (cairo-lang 0.14 fixtures) on
 * real tasks: compiled programs, a PIE, a mock Cairo verifier whose output is unpacked as a
 * composite packed output, and the concat aggregator.
 */
class BootloaderRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CAIRO = SharedFixtures.resolve("cairo");
  private static final CompiledProgram BOOTLOADER =
      ProgramLoader.load(CAIRO.resolve("bootloader_compiled.json"));
  private static final CompiledProgram APPLICATIVE =
      ProgramLoader.load(CAIRO.resolve("applicative_bootloader_compiled.json"));

  private static final String FIB_TASK =
      "{'type': 'RunProgramTask', 'path': 'fibonacci_compiled.json',"
          + " 'program_input': {'second_element': 1, 'fibonacci_claim_index': 10},"
          + " 'program_hash_function': 'pedersen'}";
  private static final String PIE_TASK =
      "{'type': 'CairoPiePath', 'path': 'fibonacci_pie.zip', 'program_hash_function':"
          + " 'poseidon'}";
  private static final BootloaderConfig CONFIG =
      new BootloaderConfig(
          List.of(BigInteger.valueOf(101), BigInteger.valueOf(102)),
          List.of(hash(program("mock_cairo_verifier_compiled.json"), false)),
          BigInteger.valueOf(103));
  private static final String CONFIG_JSON =
      "{'supported_simple_bootloader_hash_list': [101, 102],"
          + " 'supported_cairo_verifier_program_hashes': ['0x"
          + CONFIG.supportedCairoVerifierProgramHashes().get(0).toString(16)
          + "'], 'applicative_bootloader_program_hash': 103}";

  @TempDir Path temp;

  static StrippedProgram program(String name) {
    return ProgramLoader.load(CAIRO.resolve(name)).strip();
  }

  static StrippedProgram pie() {
    try {
      return CairoPie.read(CAIRO.resolve("fibonacci_pie.zip")).metadata().program();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<BigInteger> ints(Object... xs) {
    List<BigInteger> out = new ArrayList<>();
    for (Object x : xs) {
      out.add(x instanceof BigInteger b ? b : BigInteger.valueOf(((Number) x).longValue()));
    }
    return out;
  }

  /** The bootloader's output for the fibonacci task then the PIE, after the config words. */
  static List<BigInteger> fibAndPieOutput() {
    return ints(
        2,
        4,
        hash(program("fibonacci_compiled.json"), false),
        10,
        fibonacci(1, 10),
        4,
        hash(pie(), true),
        1,
        89);
  }

  @Test
  void runsProgramAndPieTasksAndWritesTheirFactTopologies() throws IOException {
    Path topologies = temp.resolve("fact_topologies.json");
    CairoRunner runner = run(BOOTLOADER, "{" + fibAndPieFields(topologies) + "}");

    List<BigInteger> expected = new ArrayList<>(CONFIG.outputWords());
    expected.addAll(fibAndPieOutput());
    assertEquals(expected, runner.output());
    // The config words: hash_felts (Pedersen, length last) of each list and the applicative hash.
    assertEquals(
        Pedersen.hash(
                Pedersen.hash(Pedersen.hash(Felt252.ZERO, Felt252.of(101)), Felt252.of(102)),
                Felt252.of(2))
            .toBigInteger(),
        runner.output().get(0));

    // Each task's output (after its size and hash) is a page: offsets 6 and 10 of the segment.
    assertEquals(
        Map.of(1, new OutputBuiltinRunner.Page(6, 2), 2, new OutputBuiltinRunner.Page(10, 2)),
        runner.outputBuiltin().pages());
    assertEquals(Map.of(), runner.outputBuiltin().attributes());
    assertEquals(
        "{\n"
            + "    \"fact_topologies\": [\n"
            + "        {\n"
            + "            \"page_sizes\": [\n"
            + "                2\n"
            + "            ],\n"
            + "            \"tree_structure\": [\n"
            + "                1,\n"
            + "                0\n"
            + "            ]\n"
            + "        },\n"
            + "        {\n"
            + "            \"page_sizes\": [\n"
            + "                2\n"
            + "            ],\n"
            + "            \"tree_structure\": [\n"
            + "                1,\n"
            + "                0\n"
            + "            ]\n"
            + "        }\n"
            + "    ]\n"
            + "}\n",
        Files.readString(topologies, StandardCharsets.UTF_8));
  }

  /** A mock verifier task whose verified output is a simple bootloader run of one task. */
  static String mockVerifierTask(List<BigInteger> verifiedOutput) {
    return "{'type': 'RunProgramTask', 'path': 'mock_cairo_verifier_compiled.json',"
        + " 'program_input': {'program_hash': 102, 'n_steps': 40, 'program_output': "
        + verifiedOutput
        + "}, 'program_hash_function': 'pedersen'}";
  }

  @Test
  void unpacksACompositePackedOutput() throws IOException {
    // The simple bootloader output the mock verifier claims to have verified: one task.
    List<BigInteger> inner = ints(1, 5, 777, 3, 4, 5);
    String composite =
        "{'type': 'CompositePackedOutput', 'outputs': "
            + inner
            + ", 'subtasks': [{'type': 'PlainPackedOutput'}],"
            + " 'fact_topologies': [{'tree_structure': [1, 0], 'page_sizes': [3]}]}";
    CairoRunner runner =
        run(
            BOOTLOADER,
            "{'tasks': ["
                + mockVerifierTask(inner)
                + ", "
                + FIB_TASK
                + "], 'single_page': false, 'bootloader_config': "
                + CONFIG_JSON
                + ", 'packed_outputs': ["
                + composite
                + ", {'type': 'PlainPackedOutput'}]}");

    List<BigInteger> expected = new ArrayList<>(CONFIG.outputWords());
    expected.addAll(
        ints(2, 5, 777, 3, 4, 5, 4, hash(program("fibonacci_compiled.json"), false), 10));
    expected.add(fibonacci(1, 10));
    assertEquals(expected, runner.output());
    // The inner task's topology replaces the verifier's: pages after each plain task's header.
    assertEquals(
        Map.of(1, new OutputBuiltinRunner.Page(6, 3), 2, new OutputBuiltinRunner.Page(11, 2)),
        runner.outputBuiltin().pages());
  }

  @Test
  void aCompositeOutputThatDiffersFromTheVerifiedOutputOrAnUnlistedVerifierFails() {
    List<BigInteger> inner = ints(1, 5, 777, 3, 4, 5);
    String composite =
        "{'type': 'CompositePackedOutput', 'outputs': "
            + ints(1, 5, 777, 3, 4, 6)
            + ", 'subtasks': [{'type': 'PlainPackedOutput'}],"
            + " 'fact_topologies': [{'tree_structure': [1, 0], 'page_sizes': [3]}]}";
    VmException e =
        assertThrows(
            VmException.class,
            () ->
                run(
                    BOOTLOADER,
                    "{'tasks': ["
                        + mockVerifierTask(inner)
                        + "], 'single_page': false, 'bootloader_config': "
                        + CONFIG_JSON
                        + ", 'packed_outputs': ["
                        + composite
                        + "]}"));
    // unpack_composite_packed_task's memcpy compares the guessed output with the verified one.
    assertTrue(
        e.getMessage().contains("memcpy.cairo") && e.getMessage().contains("6 != 5"),
        e.getMessage());

    // A verifier the config does not list is refused by find_element.
    String unsupported = CONFIG_JSON.replaceAll("'0x[0-9a-f]+'", "1");
    e =
        assertThrows(
            VmException.class,
            () ->
                run(
                    BOOTLOADER,
                    "{'tasks': ["
                        + mockVerifierTask(inner)
                        + "], 'single_page': false, 'bootloader_config': "
                        + unsupported
                        + ", 'packed_outputs': ["
                        + composite.replace("4, 6]", "4, 5]")
                        + "]}"));
    assertTrue(e.getMessage().contains("was not found"), e.getMessage());
  }

  @Test
  void aBadInputNamesTheField() {
    VmException e =
        assertThrows(
            VmException.class,
            () ->
                run(
                    BOOTLOADER,
                    "{'tasks': [], 'single_page': false, 'bootloader_config': "
                        + CONFIG_JSON
                        + ", 'packed_outputs': [{'type': 'Plain'}]}"));
    assertTrue(
        e.getMessage().contains("packed_outputs[0].type: unknown packed output type 'Plain'"),
        e.getMessage());
  }

  @Test
  void applicativeBootloaderRunsTheConcatAggregator() throws IOException {
    List<BigInteger> bootloaderOutput = new ArrayList<>(CONFIG.outputWords());
    bootloaderOutput.addAll(fibAndPieOutput());
    Path topologies = temp.resolve("applicative_fact_topologies.json");
    String aggregator =
        "{'type': 'RunProgramTask', 'path': 'concat_aggregator_compiled.json',"
            + " 'program_input': {'bootloader_output': "
            + bootloaderOutput.stream()
                .map(BigInteger::toString)
                .collect(Collectors.joining(", ", "[", "]"))
            + "}, 'program_hash_function': 'pedersen'}";
    CairoRunner runner =
        run(
            APPLICATIVE,
            "{'aggregator_task': " + aggregator + ", " + fibAndPieFields(topologies) + "}");

    BigInteger aggregatorHash = hash(program("concat_aggregator_compiled.json"), false);
    List<BigInteger> expected = applicativeHeader(aggregatorHash);
    // The concat aggregator outputs each task's program hash and output, without sizes.
    List<BigInteger> tasks = fibAndPieOutput();
    expected.addAll(tasks.subList(2, 5));
    expected.addAll(tasks.subList(6, 9));
    assertEquals(expected, runner.output());

    // One page: the aggregator's 15 words less the 9 of the task outputs, plus the 4-word header.
    assertEquals(Map.of(), runner.outputBuiltin().pages());
    assertEquals(
        Map.of(FactTopology.GPS_FACT_TOPOLOGY, ints(1, 0)), runner.outputBuiltin().attributes());
    assertEquals(
        JSON.readTree(
            "{\"fact_topologies\": [{\"page_sizes\": [10], \"tree_structure\": [1, 0]}]}"),
        JSON.readTree(topologies.toFile()));
  }

  /**
   * The aggregator's input is the output of a real bootloader run of the same tasks; its output is
   * long enough for the concat aggregator to put its last words in a second page, which the
   * applicative bootloader moves after its own header.
   */
  @Test
  void applicativeBootloaderKeepsTheAggregatorsPages() throws IOException {
    String outputTask =
        "{'type': 'RunProgramTask', 'path': 'simple_output_compiled.json',"
            + " 'program_input': {'output': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]},"
            + " 'program_hash_function': 'poseidon'}";
    String tasks =
        "'tasks': ["
            + outputTask
            + ", "
            + FIB_TASK
            + "], 'single_page': true, 'bootloader_config': "
            + CONFIG_JSON
            + ", 'packed_outputs': [{'type': 'PlainPackedOutput'}, {'type': 'PlainPackedOutput'}]";
    List<BigInteger> bootloaderOutput = run(BOOTLOADER, "{" + tasks + "}").output();
    Path topologies = temp.resolve("applicative_fact_topologies.json");
    String aggregator =
        "{'type': 'RunProgramTask', 'path': 'concat_aggregator_compiled.json',"
            + " 'program_input': {'bootloader_output': "
            + bootloaderOutput
            + "}, 'program_hash_function': 'poseidon'}";
    CairoRunner runner =
        run(
            APPLICATIVE,
            "{'aggregator_task': "
                + aggregator
                + ", "
                + tasks
                + ", 'fact_topologies_path': '"
                + topologies
                + "'}");

    BigInteger aggregatorHash = hash(program("concat_aggregator_compiled.json"), true);
    List<BigInteger> expected = applicativeHeader(aggregatorHash);
    expected.add(hash(program("simple_output_compiled.json"), true));
    expected.addAll(ints(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    expected.addAll(ints(hash(program("fibonacci_compiled.json"), false), 10, fibonacci(1, 10)));
    assertEquals(expected, runner.output());

    // 20 words: the header and the aggregator's first 10 words, then its last 6 in page 1.
    assertEquals(Map.of(1, new OutputBuiltinRunner.Page(14, 6)), runner.outputBuiltin().pages());
    assertEquals(
        Map.of(FactTopology.GPS_FACT_TOPOLOGY, ints(2, 1, 0, 2)),
        runner.outputBuiltin().attributes());
    assertEquals(
        JSON.readTree(
            "{\"fact_topologies\": [{\"page_sizes\": [14, 6], \"tree_structure\": [2, 1, 0, 2]}]}"),
        JSON.readTree(topologies.toFile()));
  }

  /** The applicative bootloader's first words: pedersen('AGGREGATOR', hash), then the config. */
  private static List<BigInteger> applicativeHeader(BigInteger aggregatorHash) {
    List<BigInteger> words = new ArrayList<>();
    words.add(
        Pedersen.hash(
                Felt252.of(new BigInteger(1, "AGGREGATOR".getBytes(StandardCharsets.US_ASCII))),
                Felt252.of(aggregatorHash))
            .toBigInteger());
    words.addAll(CONFIG.outputWords());
    return words;
  }

  /**
   * The bootloader input fields for the fibonacci program and PIE tasks: two pages, their fact
   * topologies written to {@code topologies}, {@link #CONFIG_JSON}, two plain packed outputs.
   */
  private static String fibAndPieFields(Path topologies) {
    return "'tasks': ["
        + FIB_TASK
        + ", "
        + PIE_TASK
        + "], 'single_page': false, 'fact_topologies_path': '"
        + topologies
        + "', 'bootloader_config': "
        + CONFIG_JSON
        + ", 'packed_outputs': [{'type': 'PlainPackedOutput'}, {'type': 'PlainPackedOutput'}]";
  }
}
