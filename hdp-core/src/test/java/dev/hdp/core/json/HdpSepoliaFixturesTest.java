package dev.hdp.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.cairo.FeltChunks;
import dev.hdp.core.merkle.BatchTrees;
import dev.hdp.core.merkle.StandardMerkleTree;
import dev.hdp.core.task.Datalake;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.Task;
import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 30 real Sepolia batches HDP produced: our encodings must reproduce its commitments. */
class HdpSepoliaFixturesTest {
  static Stream<Path> batches() {
    return SharedFixtures.hdpSepoliaBatches().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batches")
  void requestParsesAndPrintsBackByteForByte(Path folder) throws IOException {
    String text = Files.readString(folder.resolve("request.json"), StandardCharsets.UTF_8);
    SubmitBatchQuery request = SubmitBatchQuery.parse(text);
    assertEquals(text, request.toJson());
    assertEquals(request, SubmitBatchQuery.parse(request.toJson()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batches")
  void commitmentsRootsAndProofsMatchTheExpectedBatch(Path folder) throws IOException {
    SubmitBatchQuery request =
        SubmitBatchQuery.parse(Files.readString(folder.resolve("request.json")));
    List<Bytes32> commitments = request.tasks().stream().map(Task::commitment).toList();
    Path batchPath = folder.resolve("expected-batch.json");
    if (!Files.exists(batchPath)) {
      return; // answers kept back: parsing and encoding above is all we can check
    }
    String batchText = Files.readString(batchPath, StandardCharsets.UTF_8);
    BatchFile batch = BatchFile.parse(batchText);
    assertEquals(batch.tasksCommitments(), commitments);

    BatchTrees trees = BatchTrees.of(commitments, batch.rawResults());
    for (int i = 0; i < commitments.size(); i++) {
      assertEquals(
          BatchTrees.resultCommitment(commitments.get(i), batch.rawResults().get(i)),
          batch.resultsCommitments().get(i));
      assertEquals(
          batch.taskInclusionProofs().get(i), trees.tasks().proofOfValue(commitments.get(i)));
      assertEquals(
          batch.resultsInclusionProofs().get(i),
          trees.results().proofOfValue(batch.resultsCommitments().get(i)));
      assertTrue(
          StandardMerkleTree.verify(
              batch.tasksRoot(), commitments.get(i), batch.taskInclusionProofs().get(i)));
    }
    assertEquals(batch.tasksRoot(), trees.tasksRoot());
    assertEquals(batch.resultsRoot(), trees.resultsRoot());
    assertEquals(batchText, batch.toJson());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batches")
  void encodingsMatchTheExpectedCairoInput(Path folder) throws IOException {
    Path inputPath = folder.resolve("expected-cairo-input.json");
    if (!Files.exists(inputPath)) {
      return;
    }
    SubmitBatchQuery request =
        SubmitBatchQuery.parse(Files.readString(folder.resolve("request.json")));
    JsonNode tasks = Json.MAPPER.readTree(inputPath.toFile()).get("tasks");
    assertEquals(request.tasks().size(), tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      JsonNode context = tasks.get(i).get("context");
      var task = (DatalakeComputeTask) request.tasks().get(i);
      Datalake datalake = task.datalake();
      assertEquals(context.get("datalake_bytes_len").intValue(), datalake.encode().length);
      assertEquals(FeltChunks.toHex(datalake.encode()), strings(context.get("encoded_datalake")));
      assertEquals(context.get("task_bytes_len").intValue(), task.encode().length);
      assertEquals(FeltChunks.toHex(task.encode()), strings(context.get("encoded_task")));
      assertEquals(context.get("datalake_type").intValue(), datalake.type().code());
      assertEquals(context.get("property_type").intValue(), datalake.propertyType());
      // And the bytes HDP gave Cairo decode back to the request's task.
      assertEquals(task, DatalakeComputeTask.decode(task.encode(), datalake.encode()));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.textValue()));
    return out;
  }
}
