package dev.hdp.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.fixtures.SharedFixtures;
import dev.hdp.preprocess.source.file.ChainDataFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the preprocessor offline over HDP's 30 real Sepolia batches: every proof verifies, and the
 * batch file and Cairo input equal HDP's where they are given (proof lists compared as sets, since
 * HDP built them from hash sets).
 */
class HdpSepoliaPreprocessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> batches() {
    return SharedFixtures.hdpSepoliaBatches().stream();
  }

  static PreprocessResult preprocess(Path folder) throws IOException {
    SubmitBatchQuery query =
        SubmitBatchQuery.parse(Files.readString(folder.resolve("request.json")));
    ChainDataFile data = ChainDataFile.read(folder.resolve("chain-data.json"));
    return new Preprocessor(data, ProgressListener.NONE).process(query);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batches")
  void reproducesHdpsBatchFileAndCairoInput(Path folder) throws IOException {
    PreprocessResult result = preprocess(folder);
    assertFalse(result.values().get(0).isEmpty(), "no values");
    Path expectedBatch = folder.resolve("expected-batch.json");
    if (Files.exists(expectedBatch)) {
      assertEquals(
          JSON.readTree(expectedBatch.toFile()), JSON.readTree(result.batch().toJson()), "batch");
      // Byte for byte too: our printer follows serde_json's pretty layout.
      assertEquals(Files.readString(expectedBatch).strip(), result.batch().toJson().strip());
    }
    Path expectedInput = folder.resolve("expected-cairo-input.json");
    if (Files.exists(expectedInput)) {
      assertEquals(
          normalized(JSON.readTree(expectedInput.toFile())),
          normalized(JSON.readTree(result.cairoInputJson())),
          "cairo input");
    }
  }

  /** Sorts every proof list (and each item's per-block proofs) so that lists compare as sets. */
  static JsonNode normalized(JsonNode input) {
    ObjectNode copy = input.deepCopy();
    ObjectNode proofs = (ObjectNode) copy.get("proofs");
    for (String list :
        List.of("headers", "accounts", "storages", "transactions", "transaction_receipts")) {
      ArrayNode items = (ArrayNode) proofs.get(list);
      for (JsonNode item : items) {
        if (item.has("proofs")) {
          sort((ArrayNode) item.get("proofs"));
        }
      }
      sort(items);
    }
    return copy;
  }

  private static void sort(ArrayNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    items.sort(Comparator.comparing(JsonNode::toString));
    array.removeAll();
    items.forEach(array::add);
  }
}
