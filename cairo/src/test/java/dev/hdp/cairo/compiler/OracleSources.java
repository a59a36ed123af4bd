package dev.hdp.cairo.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An oracle program from the shared fixtures, with its sources written out to a folder. */
record OracleSources(JsonNode program, Path root, Path mainFile) {
  static final String[] ORACLES = {
    "simple_output_compiled.json",
    "concat_aggregator_compiled.json",
    "mock_cairo_verifier_compiled.json",
    "bootloader_compiled.json",
    "applicative_bootloader_compiled.json"
  };

  /**
   * Reads the fixture and writes every file of {@code debug_info.file_contents} under {@code dir}.
   */
  static OracleSources extract(String fixture, Path dir) {
    try {
      JsonNode program =
          new ObjectMapper().readTree(SharedFixtures.resolve("cairo/" + fixture).toFile());
      Path mainFile = null;
      for (Map.Entry<String, JsonNode> e :
          program.get("debug_info").get("file_contents").properties()) {
        String name = e.getKey();
        if (name.equals("<start>")) {
          continue;
        }
        int src = name.lastIndexOf("src/");
        String relative = name.substring(src + 4);
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, e.getValue().asText());
        if (!name.startsWith("/")) {
          mainFile = target;
        }
      }
      return new OracleSources(program, dir, mainFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
