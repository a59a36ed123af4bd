package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.fixtures.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CairoCompileCommandTest {
  @TempDir Path dir;

  @Test
  void compilesTheConcatAggregatorFromItsSourcesToTheSameWords() throws IOException {
    JsonNode original =
        new ObjectMapper()
            .readTree(SharedFixtures.resolve("cairo/concat_aggregator_compiled.json").toFile());
    Path main = null;
    for (Map.Entry<String, JsonNode> e :
        original.get("debug_info").get("file_contents").properties()) {
      if (e.getKey().equals("<start>")) {
        continue;
      }
      Path target =
          dir.resolve("src").resolve(e.getKey().substring(e.getKey().lastIndexOf("src/") + 4));
      Files.createDirectories(target.getParent());
      Files.writeString(target, e.getValue().asText());
      if (!e.getKey().startsWith("/")) {
        main = target;
      }
    }
    Path out = dir.resolve("out.json");
    int rc =
        new CommandLine(new CairoCompileCommand())
            .execute(
                "--cairo-path",
                dir.resolve("src").toString(),
                main.toString(),
                "--output",
                out.toString(),
                "--proof-mode");
    assertEquals(0, rc);
    JsonNode compiled = new ObjectMapper().readTree(out.toFile());
    assertEquals(original.get("data"), compiled.get("data"));
    assertEquals(original.get("hints"), compiled.get("hints"));
    assertEquals(original.get("builtins"), compiled.get("builtins"));
  }

  @Test
  void reportsACompileErrorWithItsPlace() throws IOException {
    Path bad = dir.resolve("bad.cairo");
    Files.writeString(bad, "func main() {\n    tempvar x = y;\n    ret;\n}\n");
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc =
          new CommandLine(new CairoCompileCommand())
              .execute(bad.toString(), "--output", dir.resolve("o.json").toString());
    } finally {
      System.setErr(savedErr);
    }
    assertEquals(1, rc);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.startsWith(bad + ":2:17: Unknown identifier 'y'."), message);
    assertTrue(message.contains("    tempvar x = y;\n                ^"), message);
  }
}
