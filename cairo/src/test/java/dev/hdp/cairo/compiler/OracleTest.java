package dev.hdp.cairo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the sources inside each oracle program and compares with StarkWare's output. */
class OracleTest {
  @TempDir Path dir;

  static CompiledProgram compileOracle(OracleSources o) {
    return new CairoCompiler(List.of(o.root()), true).compile(o.mainFile());
  }

  static void assertReproduces(String fixture, Path dir) {
    OracleSources o = OracleSources.extract(fixture, dir);
    CompiledProgram p = compileOracle(o);
    JsonNode expected = o.program();
    List<String> expectedData = new ArrayList<>();
    expected.get("data").forEach(n -> expectedData.add(n.asText()));
    List<String> actualData = new ArrayList<>();
    p.data().forEach(w -> actualData.add("0x" + w.toString(16)));
    assertEquals(String.join("\n", expectedData), String.join("\n", actualData), "data");
    List<String> builtins = new ArrayList<>();
    expected.get("builtins").forEach(n -> builtins.add(n.asText()));
    assertEquals(builtins, p.builtins(), "builtins");
    assertEquals(
        expected.get("identifiers").get("__main__.main").get("pc").asInt(), p.main(), "main");
    Map<String, String> expectedHints = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : expected.get("hints").properties()) {
      expectedHints.put(e.getKey(), e.getValue().toString());
    }
    Map<String, String> actualHints = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : p.json().get("hints").properties()) {
      actualHints.put(e.getKey(), e.getValue().toString());
    }
    assertEquals(expectedHints.keySet(), actualHints.keySet(), "hint pcs");
    for (String pc : expectedHints.keySet()) {
      assertEquals(expectedHints.get(pc), actualHints.get(pc), "hints at pc " + pc);
    }
    // Beyond the program hash: the whole JSON but debug information is StarkWare's too.
    for (String key :
        List.of(
            "attributes",
            "compiler_version",
            "main_scope",
            "prime",
            "reference_manager",
            "identifiers")) {
      assertEquals(expected.get(key), p.json().get(key), key);
    }
    JsonNode expectedLocations = expected.get("debug_info").get("instruction_locations");
    JsonNode actualLocations = p.json().get("debug_info").get("instruction_locations");
    assertEquals(expectedLocations.size(), actualLocations.size(), "instruction locations");
    for (Map.Entry<String, JsonNode> e : expectedLocations.properties()) {
      JsonNode actual = actualLocations.get(e.getKey());
      for (String key : List.of("accessible_scopes", "flow_tracking_data")) {
        assertEquals(e.getValue().get(key), actual.get(key), key + " at pc " + e.getKey());
      }
    }
  }

  @Test
  void simpleOutput() {
    assertReproduces("simple_output_compiled.json", dir);
  }

  @Test
  void concatAggregator() {
    assertReproduces("concat_aggregator_compiled.json", dir);
  }

  @Test
  void mockCairoVerifier() {
    assertReproduces("mock_cairo_verifier_compiled.json", dir);
  }

  @Test
  void bootloader() {
    assertReproduces("bootloader_compiled.json", dir);
  }

  @Test
  void applicativeBootloader() {
    assertReproduces("applicative_bootloader_compiled.json", dir);
  }
}
