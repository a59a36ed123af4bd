package dev.hdp.cairo.bootloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.fixtures.SharedFixtures;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootloaderInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CAIRO = SharedFixtures.resolve("cairo");

  private static final String TASK =
      "{'type': 'CairoPiePath', 'path': 'fibonacci_pie.zip', 'use_poseidon': false}";
  private static final String CONFIG =
      "{'supported_simple_bootloader_hash_list': [1, '0x2'],"
          + " 'supported_cairo_verifier_program_hashes': [],"
          + " 'applicative_bootloader_program_hash': '0xff'}";
  private static final String COMPOSITE =
      "{'type': 'CompositePackedOutput', 'outputs': [1, 3, 9, 8],"
          + " 'subtasks': [{'type': 'PlainPackedOutput'}],"
          + " 'fact_topologies': [{'tree_structure': [1, 0], 'page_sizes': [1]}]}";

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static String input(String config, String packedOutputs) {
    return "{'tasks': ["
        + TASK
        + "], 'single_page': false, 'bootloader_config': "
        + config
        + ", 'packed_outputs': "
        + packedOutputs
        + "}";
  }

  @Test
  void parsesConfigAndPackedOutputs() throws Exception {
    BootloaderInput in = BootloaderInput.parse(json(input(CONFIG, "[" + COMPOSITE + "]")), CAIRO);

    assertEquals(1, in.simpleBootloaderInput().tasks().size());
    assertEquals(Optional.empty(), in.simpleBootloaderInput().factTopologiesPath());
    assertEquals(
        new BootloaderConfig(
            List.of(BigInteger.ONE, BigInteger.TWO), List.of(), BigInteger.valueOf(255)),
        in.bootloaderConfig());
    var composite = assertInstanceOf(PackedOutput.Composite.class, in.packedOutputs().get(0));
    assertEquals(List.of(new PackedOutput.Plain()), composite.subtasks());
    assertEquals(List.of(FactTopology.trivial(1)), composite.factTopologies());
  }

  @Test
  void applicativeInputHasAnAggregatorTask() throws Exception {
    String text =
        input(CONFIG, "[{'type': 'PlainPackedOutput'}]")
            .replace("{'tasks'", "{'aggregator_task': " + TASK + ", 'tasks'");
    ApplicativeBootloaderInput in = ApplicativeBootloaderInput.parse(json(text), CAIRO);
    assertInstanceOf(Task.CairoPieTask.class, in.aggregatorTask());
    assertEquals(List.of(new PackedOutput.Plain()), in.bootloaderInput().packedOutputs());

    // The bootloader's own schema has no aggregator task; the applicative one requires it.
    var e =
        assertThrows(
            BootloaderInputException.class, () -> BootloaderInput.parse(json(text), CAIRO));
    assertEquals("aggregator_task: unknown field of the bootloader input", e.getMessage());
    e =
        assertThrows(
            BootloaderInputException.class,
            () -> ApplicativeBootloaderInput.parse(json(input(CONFIG, "[]")), CAIRO));
    assertEquals("aggregator_task: missing field", e.getMessage());
    e =
        assertThrows(
            BootloaderInputException.class,
            () ->
                ApplicativeBootloaderInput.parse(
                    json(
                        text.replace(
                            "'use_poseidon': false}, 'tasks'", "'use_poseidon': 0}, 'tasks'")),
                    CAIRO));
    assertEquals("aggregator_task.use_poseidon: expected true or false, got 0", e.getMessage());
  }

  @Test
  void malformedInputsNameTheField() {
    String[][] cases = {
      {
        input(CONFIG, "[]").replace(", 'bootloader_config': " + CONFIG, ""),
        "bootloader_config: missing field"
      },
      {
        input(CONFIG.replace(", 'applicative_bootloader_program_hash': '0xff'", ""), "[]"),
        "bootloader_config.applicative_bootloader_program_hash: missing field"
      },
      {
        input(CONFIG.replace("[1, '0x2']", "[1, 'two']"), "[]"),
        "bootloader_config.supported_simple_bootloader_hash_list[1]: expected an integer or a 0x hex string, got \"two\""
      },
      {
        input(CONFIG.replace("[]", "[-1]"), "[]"),
        "bootloader_config.supported_cairo_verifier_program_hashes[0]: -1 is not a field element"
      },
      {
        input(CONFIG.replace("}", ", 'simple_bootloader_program_hash': 1}"), "[]"),
        "bootloader_config.simple_bootloader_program_hash: unknown field"
      },
      {input(CONFIG, "{}"), "packed_outputs: expected a list, got OBJECT"},
      {
        input(CONFIG, "[{'type': 'Plain'}]"),
        "packed_outputs[0].type: unknown packed output type 'Plain' (expected PlainPackedOutput or CompositePackedOutput)"
      },
      {
        input(CONFIG, "[{'type': 'PlainPackedOutput', 'outputs': []}]"),
        "packed_outputs[0].outputs: unknown field"
      },
      {
        input(
            CONFIG,
            "["
                + COMPOSITE.replace(
                    "'subtasks': [{'type': 'PlainPackedOutput'}]", "'subtasks': [{}]")
                + "]"),
        "packed_outputs[0].subtasks[0].type: missing field or not a string"
      },
      {
        input(CONFIG, "[" + COMPOSITE.replace("'page_sizes': [1]", "'page_sizes': ['1']") + "]"),
        "packed_outputs[0].fact_topologies[0].page_sizes[0]: expected a non-negative integer, got \"1\""
      },
      {
        input(CONFIG, "[" + COMPOSITE.replace(", 'outputs': [1, 3, 9, 8]", "") + "]"),
        "packed_outputs[0].outputs: missing field"
      },
    };
    for (String[] c : cases) {
      var e =
          assertThrows(
              BootloaderInputException.class, () -> BootloaderInput.parse(json(c[0]), CAIRO), c[0]);
      assertEquals(c[1], e.getMessage());
    }
  }
}
