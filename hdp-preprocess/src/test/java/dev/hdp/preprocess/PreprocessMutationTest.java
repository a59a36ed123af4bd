package dev.hdp.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.fixtures.SharedFixtures;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.file.ChainDataFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Tampers with real Sepolia chain data (headers, MMR metas, account, storage and transaction
 * proofs) and checks that preprocessing stops with the precise reason, naming the block and item.
 */
class PreprocessMutationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PreprocessException failure(String folder, Consumer<ObjectNode> mutation)
      throws IOException {
    Path dir = SharedFixtures.resolve("hdp-sepolia/" + folder);
    ObjectNode data = (ObjectNode) JSON.readTree(dir.resolve("chain-data.json").toFile());
    mutation.accept(data);
    SubmitBatchQuery query = SubmitBatchQuery.parse(Files.readString(dir.resolve("request.json")));
    ChainDataFile source = ChainDataFile.parse(JSON.writeValueAsString(data), "mutated " + folder);
    return assertThrows(
        PreprocessException.class,
        () -> new Preprocessor(source, ProgressListener.NONE).process(query));
  }

  /** Flips the lowest bit of the byte at {@code index} of a hex string. */
  private static String flip(String hex, int index) {
    int pos = 2 + 2 * index + 1;
    char c = hex.charAt(pos);
    int digit = Character.digit(c, 16) ^ 1;
    return hex.substring(0, pos) + Character.forDigit(digit, 16) + hex.substring(pos + 1);
  }

  private static void flipIn(ArrayNode array, int item, int byteIndex) {
    array.set(item, new TextNode(flip(array.get(item).asText(), byteIndex)));
  }

  @Test
  void aTamperedHeaderValueIsNotInTheMmr() throws IOException {
    // Folder 01 samples header.number; change a byte of the timestamp area of one header.
    var e =
        failure(
            "01",
            d -> {
              ObjectNode header = (ObjectNode) d.get("headers").get(3);
              header.put("rlp", flip(header.get("rlp").asText(), 500));
            });
    assertTrue(e.getMessage().contains("header not in MMR 27"), e.getMessage());
    assertEquals(
        FailureReason.PEAK_MISMATCH, e.proofFailure().orElseThrow().reason(), e.getMessage());
  }

  @Test
  void aWrongMmrPathIsCaught() throws IOException {
    var e =
        failure(
            "02",
            d -> flipIn((ArrayNode) d.get("headers").get(0).get("proof").get("mmr_path"), 5, 20));
    assertTrue(e.getMessage().contains("header not in MMR"), e.getMessage());
  }

  @Test
  void aForgedMmrRootIsCaught() throws IOException {
    var e =
        failure(
            "03",
            d -> {
              ObjectNode meta = (ObjectNode) d.get("mmr_metas").get(0);
              meta.put("root", flip(meta.get("root").asText(), 10));
            });
    assertEquals(FailureReason.MMR_ROOT_MISMATCH, e.proofFailure().orElseThrow().reason());
  }

  @Test
  void aTamperedAccountProofNodeNamesTheBlockAndAccount() throws IOException {
    var e =
        failure(
            "14",
            d -> {
              ObjectNode proof = (ObjectNode) d.get("accounts").get(0).get("proofs").get(2);
              flipIn((ArrayNode) proof.get("proof"), 3, 40);
            });
    assertTrue(e.getMessage().contains("account 0x7f2c6f930306d3aa736b3a6c6a98f512f74036d4"));
    assertTrue(e.getMessage().contains("block "), e.getMessage());
    assertEquals(FailureReason.NODE_HASH_MISMATCH, e.proofFailure().orElseThrow().reason());
    assertEquals(3, e.proofFailure().orElseThrow().index(), e.getMessage());
  }

  @Test
  void aTruncatedStorageProofIsCaught() throws IOException {
    var e =
        failure(
            "19",
            d -> {
              ObjectNode proof = (ObjectNode) d.get("storages").get(0).get("proofs").get(0);
              ArrayNode nodes = (ArrayNode) proof.get("proof");
              nodes.remove(nodes.size() - 1);
            });
    assertTrue(e.getMessage().contains("storage slot"), e.getMessage());
    assertEquals(FailureReason.MISSING_NODE, e.proofFailure().orElseThrow().reason());
  }

  @Test
  void aTransactionProofForAnotherIndexIsCaught() throws IOException {
    // Swap the proofs of two transactions: each proof is valid, but for the other key.
    var e =
        failure(
            "25",
            d -> {
              ArrayNode txs = (ArrayNode) d.get("transactions");
              var first = txs.get(0).get("proof").deepCopy();
              ((ObjectNode) txs.get(0)).set("proof", txs.get(1).get("proof").deepCopy());
              ((ObjectNode) txs.get(1)).set("proof", first);
            });
    assertTrue(e.getMessage().contains("transaction"), e.getMessage());
    assertTrue(e.proofFailure().isPresent(), e.getMessage());
  }

  @Test
  void aMissingItemIsNamed() throws IOException {
    var e = failure("10", d -> ((ArrayNode) d.get("accounts").get(0).get("proofs")).remove(0));
    assertTrue(
        e.getMessage()
            .contains(
                "missing the account proof of 0x7f2c6f930306d3aa736b3a6c6a98f512f74036d4 at block 5244634"),
        e.getMessage());
    assertTrue(e.getCause() instanceof ChainDataException);
  }
}
