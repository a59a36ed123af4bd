package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code hdp encode} in-process on HDP's own Sepolia requests. */
class EncodeCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        HdpMain.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Path> batches() {
    return SharedFixtures.hdpSepoliaBatches().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batches")
  void reproducesTheTaskCommitmentsOfEachBatch(Path folder) throws IOException {
    Run run = run("encode", "--request", folder.resolve("request.json").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode tasks = MAPPER.readTree(run.out());
    List<String> commitments = new ArrayList<>();
    for (JsonNode task : tasks) {
      byte[] datalake = Hex.decode(task.get("encodedDatalake").textValue());
      byte[] encodedTask = Hex.decode(task.get("encodedTask").textValue());
      String datalakeCommitment = task.get("datalakeCommitment").textValue();
      assertEquals(Keccak256.hash(datalake).toHex(), datalakeCommitment);
      assertTrue(Hex.encode(encodedTask).startsWith(datalakeCommitment));
      assertEquals(Keccak256.hash(encodedTask).toHex(), task.get("taskCommitment").textValue());
      commitments.add(task.get("taskCommitment").textValue());
    }
    Path batch = folder.resolve("expected-batch.json");
    if (Files.exists(batch)) {
      List<String> expected = new ArrayList<>();
      MAPPER
          .readTree(batch.toFile())
          .get("tasks_commitments")
          .forEach(c -> expected.add(c.textValue()));
      assertEquals(expected, commitments);
    } else {
      assertEquals(1, commitments.size());
    }
  }

  @Test
  void badRequestsExitWithTwoAndNameTheField(@TempDir Path dir) throws IOException {
    Path request = dir.resolve("request.json");
    Files.writeString(
        request,
        """
        {"destinationChainId": "ETHEREUM_SEPOLIA", "tasks": [{"type": "DatalakeCompute",
          "datalake": {"type": "BlockSampled", "chainId": "ETHEREUM_SEPOLIA",
            "blockRangeStart": 5858987, "blockRangeEnd": 5858900, "increment": 1,
            "sampledProperty": "header.number"},
          "compute": {"aggregateFnId": "avg"}}]}
        """);
    Run run = run("encode", "--request", request.toString());
    assertEquals(2, run.exitCode());
    assertEquals("", run.out());
    assertTrue(
        run.err().contains("tasks[0].datalake.blockRangeEnd: must be >= blockRangeStart (5858987)"),
        run.err());

    Run missing = run("encode", "--request", dir.resolve("absent.json").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("cannot read"), missing.err());

    assertEquals(2, run("encode").exitCode()); // picocli: missing required option
  }
}
