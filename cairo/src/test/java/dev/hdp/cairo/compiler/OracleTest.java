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

  static CompilerOutput compileOracle(OracleSources o) {
    return new CairoCompiler(List.of(o.root()), true).compile(o.mainFile());
  }

  static void assertReproduces(String fixture, Path dir) {
    OracleSources o = OracleSources.extract(fixture, dir);
    CompilerOutput p = compileOracle(o);
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
    // Debug information too, once file names are made relative to their source root (the
    // originals were compiled on StarkWare's build machines).
    assertEquals(
        normalizeFileNames(expected.get("debug_info")),
        normalizeFileNames(p.json().get("debug_info")),
        "debug_info");
  }

  /** A copy where every file name is cut to the part after its last "src/" (or root folder). */
  private static JsonNode normalizeFileNames(JsonNode node) {
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode out =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String key = e.getKey();
        JsonNode value = e.getValue();
        if (key.equals("filename")) {
          out.put(key, relative(value.asText()));
        } else if (key.equals("file_contents")) {
          com.fasterxml.jackson.databind.node.ObjectNode files =
              com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
          for (Map.Entry<String, JsonNode> f : value.properties()) {
            files.set(relative(f.getKey()), f.getValue());
          }
          out.set(key, files);
        } else {
          out.set(key, normalizeFileNames(value));
        }
      }
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(normalizeFileNames(n)));
      return out;
    }
    return node;
  }

  private static String relative(String fileName) {
    int src = fileName.lastIndexOf("src/");
    if (src >= 0) {
      return fileName.substring(src + 4);
    }
    int root = fileName.indexOf("/starkware/");
    return root >= 0 ? fileName.substring(root + 1) : fileName;
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
