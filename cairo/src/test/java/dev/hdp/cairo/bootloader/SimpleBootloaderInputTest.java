package dev.hdp.cairo.bootloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.cairo.program.ProgramHash;
import dev.hdp.fixtures.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleBootloaderInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CAIRO = SharedFixtures.resolve("cairo");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void parsesProgramPieAndInlineTasks() throws Exception {
    ObjectNode input =
        (ObjectNode)
            json(
                "{'tasks': ["
                    + "{'type': 'RunProgramTask', 'path': 'fibonacci_compiled.json',"
                    + " 'program_input': {'second_element': 1, 'fibonacci_claim_index': 10},"
                    + " 'use_poseidon': false},"
                    + "{'type': 'CairoPiePath', 'path': 'fibonacci_pie.zip',"
                    + " 'program_hash_function': 'Poseidon'}],"
                    + " 'fact_topologies_path': 'topologies.json', 'single_page': true}");
    JsonNode inline =
        JSON.readTree(Files.readAllBytes(CAIRO.resolve("simple_output_compiled.json")));
    ((com.fasterxml.jackson.databind.node.ArrayNode) input.get("tasks"))
        .add(
            JSON.createObjectNode()
                .put("type", "RunProgramTask")
                .put("program_hash_function", "blake")
                .set("program", inline));

    SimpleBootloaderInput parsed = SimpleBootloaderInput.parse(input, CAIRO);

    assertEquals(3, parsed.tasks().size());
    assertTrue(parsed.singlePage());
    assertEquals(Optional.of(CAIRO.resolve("topologies.json")), parsed.factTopologiesPath());
    var fib = assertInstanceOf(Task.RunProgramTask.class, parsed.tasks().get(0));
    assertEquals(ProgramHashFunction.PEDERSEN, fib.hashFunction());
    assertEquals(10, fib.programInput().get("fibonacci_claim_index").asInt());
    // The Pedersen hash cairo-hash-program gives for fibonacci_compiled.json.
    assertEquals(
        "0x4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45",
        fib.hashFunction().hash(fib.strippedProgram()).toHex());
    var pie = assertInstanceOf(Task.CairoPieTask.class, parsed.tasks().get(1));
    assertEquals(ProgramHashFunction.POSEIDON, pie.hashFunction());
    assertEquals(
        ProgramHash.poseidon(pie.strippedProgram()),
        pie.hashFunction().hash(pie.strippedProgram()));
    var out = assertInstanceOf(Task.RunProgramTask.class, parsed.tasks().get(2));
    assertEquals(ProgramHashFunction.BLAKE, out.hashFunction());
    assertEquals(0, out.programInput().size(), "a missing program_input is an empty object");
  }

  @Test
  void outerSchemasDeclareTheirOwnFields() throws Exception {
    JsonNode input =
        json(
            "{'tasks': [], 'single_page': false, 'fact_topologies_path': null, 'packed_outputs': []}");
    assertEquals(
        "packed_outputs: unknown field of the bootloader input",
        assertThrows(
                BootloaderInputException.class, () -> SimpleBootloaderInput.parse(input, CAIRO))
            .getMessage());
    SimpleBootloaderInput parsed =
        SimpleBootloaderInput.parse(input, CAIRO, Set.of("packed_outputs"));
    assertEquals(0, parsed.tasks().size());
    assertEquals(Optional.empty(), parsed.factTopologiesPath());
  }

  @Test
  void errorsNameTheTaskAndField(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("broken.zip"), new byte[] {'P', 'K', 1, 2});
    String fib =
        "'type': 'RunProgramTask', 'path': '" + CAIRO.resolve("fibonacci_compiled.json") + "'";
    String[][] cases = {
      {"{'single_page': true}", "tasks: missing field"},
      {"{'tasks': {}, 'single_page': true}", "tasks: expected a list"},
      {"{'tasks': []}", "single_page: missing field"},
      {"{'tasks': [], 'single_page': 1}", "single_page: expected true or false"},
      {
        "{'tasks': [], 'single_page': true, 'fact_topologies_path': 3}",
        "fact_topologies_path: expected"
      },
      {
        "{'tasks': [{" + fib + "}], 'single_page': true}",
        "tasks[0]: exactly one of 'program_hash_function' and 'use_poseidon' is required"
      },
      {
        "{'tasks': [{" + fib + ", 'use_poseidon': 'yes'}], 'single_page': true}",
        "tasks[0].use_poseidon: expected true or false"
      },
      {
        "{'tasks': [{" + fib + ", 'program_hash_function': 'sha256'}], 'single_page': true}",
        "tasks[0].program_hash_function: expected \"pedersen\""
      },
      {
        "{'tasks': [{"
            + fib
            + ", 'use_poseidon': true, 'program_input': [1]}], 'single_page': true}",
        "tasks[0].program_input: expected a JSON object"
      },
      {
        "{'tasks': [{" + fib + ", 'use_poseidon': true, 'extra': 1}], 'single_page': true}",
        "tasks[0].extra: unknown field"
      },
      {
        "{'tasks': [{"
            + fib
            + ", 'use_poseidon': true}, {'use_poseidon': true}], 'single_page': true}",
        "tasks[1].type: missing field"
      },
      {
        "{'tasks': [{" + fib + ", 'use_poseidon': true}, {'type': 7}], 'single_page': true}",
        "tasks[1].type: expected a string"
      },
      {
        "{'tasks': [{'type': 'CairoPieTask', 'use_poseidon': true}], 'single_page': true}",
        "tasks[0].type: unknown task type 'CairoPieTask'"
      },
      {
        "{'tasks': [{'type': 'CairoPiePath', 'use_poseidon': true}], 'single_page': true}",
        "tasks[0].path: missing field"
      },
      {
        "{'tasks': [{'type': 'CairoPiePath', 'path': 'missing.zip', 'use_poseidon': true}],"
            + " 'single_page': true}",
        "tasks[0].path: cannot read the Cairo PIE"
      },
      {
        "{'tasks': [{'type': 'CairoPiePath', 'path': 'broken.zip', 'use_poseidon': false}],"
            + " 'single_page': true}",
        "tasks[0].path: "
      },
      {
        "{'tasks': [{'type': 'RunProgramTask', 'path': 'nothing.json', 'use_poseidon': false}],"
            + " 'single_page': true}",
        "tasks[0].path: cannot read the program"
      },
      {
        "{'tasks': [{'type': 'RunProgramTask', 'use_poseidon': false}], 'single_page': true}",
        "tasks[0]: a RunProgramTask needs exactly one of 'program' and 'path'"
      },
      {
        "{'tasks': [{'type': 'RunProgramTask', 'program': {'data': []}, 'use_poseidon': false}],"
            + " 'single_page': true}",
        "tasks[0].program: "
      },
    };
    for (String[] c : cases) {
      var e =
          assertThrows(
              BootloaderInputException.class,
              () -> SimpleBootloaderInput.parse(json(c[0]), dir),
              c[0]);
      assertTrue(e.getMessage().startsWith(c[1]), c[0] + " gave: " + e.getMessage());
    }
  }
}
