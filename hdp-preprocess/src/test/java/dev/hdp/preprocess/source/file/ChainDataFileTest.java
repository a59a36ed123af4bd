package dev.hdp.preprocess.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.chain.ChainProofs;
import dev.hdp.core.task.ChainId;
import dev.hdp.fixtures.SharedFixtures;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.TrieProof;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads real chain-data files, then breaks one value at a time: each error names the file and the
 * JSON path of what is wrong.
 */
class ChainDataFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Folder 19 has an MMR meta, headers, an account and a storage item. */
  private static ObjectNode folder19() throws IOException {
    return (ObjectNode)
        JSON.readTree(SharedFixtures.resolve("hdp-sepolia/19/chain-data.json").toFile());
  }

  @Test
  void readsAndIndexesTheRealFile() throws IOException {
    ObjectNode data = folder19();
    ChainDataFile file = ChainDataFile.parse(JSON.writeValueAsString(data), "19");
    assertEquals(27, file.mmrMetas().get(0).id());
    ObjectNode storage = (ObjectNode) data.get("storages").get(0);
    Address address = Address.fromHex(storage.get("address").asText());
    Bytes32 slot = Bytes32.fromHex(storage.get("slot").asText());
    long block = storage.get("proofs").get(0).get("block_number").asLong();
    var proof = file.storage(ChainId.of(11155111), block, address, slot);
    assertEquals(storage.get("proofs").get(0).get("proof").size(), proof.nodes().size());
    assertEquals(block, proof.account().blockNumber());
    var header = file.header(ChainId.of(11155111), block);
    assertEquals(block, BlockHeader.decode(header.rlp()).number());
    assertEquals(file.mmrMetas().get(0), header.mmr());
  }

  @Test
  void transactionKeysAreCanonicalIndexes() throws IOException {
    var text = Files.readString(SharedFixtures.resolve("hdp-sepolia/23/chain-data.json"));
    ChainDataFile file = ChainDataFile.parse(text, "23");
    ObjectNode tx = (ObjectNode) JSON.readTree(text).get("transactions").get(0);
    long block = tx.get("block_number").asLong();
    byte[] key = Hex.decode(tx.get("key").asText());
    // Find the index whose rlp is the recorded key, independently of the file's own decoding.
    long index = 0;
    while (!Arrays.equals(ChainProofs.indexKey(index), key)) {
      index++;
    }
    TrieProof proof = file.transaction(ChainId.of(11155111), block, index);
    assertEquals(index, proof.index());
    assertEquals(tx.get("proof").size(), proof.nodes().size());
    ChainDataException e =
        assertThrows(
            ChainDataException.class, () -> file.transaction(ChainId.of(11155111), block, 9999));
    assertTrue(e.getMessage().contains("missing the transaction proof of index 9999"));
  }

  static Stream<Arguments> mutations() {
    return Stream.of(
        Arguments.of("an unknown top-level key", edit(d -> d.put("extra", 1)), "extra"),
        Arguments.of(
            "a missing MMR root",
            edit(d -> ((ObjectNode) d.get("mmr_metas").get(0)).remove("root")),
            "mmr_metas[0].root: is required"),
        Arguments.of(
            "a root above the STARK prime",
            edit(d -> ((ObjectNode) d.get("mmr_metas").get(0)).put("root", "0x" + "f".repeat(64))),
            "mmr_metas[0].root"),
        Arguments.of(
            "a negative MMR size",
            edit(d -> ((ObjectNode) d.get("mmr_metas").get(0)).put("size", -1)),
            "mmr_metas[0].size: must be in 0.."),
        Arguments.of(
            "a peak that is a number",
            edit(d -> ((ArrayNode) d.get("mmr_metas").get(0).get("peaks")).set(1, 7)),
            "mmr_metas[0].peaks[1]: must be a string, got the number 7"),
        Arguments.of(
            "odd-length header RLP",
            edit(d -> ((ObjectNode) d.get("headers").get(2)).put("rlp", "0xabc")),
            "headers[2].rlp"),
        Arguments.of(
            "RLP that is not a header",
            edit(d -> ((ObjectNode) d.get("headers").get(0)).put("rlp", "0xc0")),
            "headers[0].rlp: not a block header"),
        Arguments.of(
            "an unknown key in a header proof",
            edit(d -> ((ObjectNode) d.get("headers").get(1).get("proof")).put("leaf", 1)),
            "headers[1].proof.leaf: unknown property"),
        Arguments.of(
            "a short address",
            edit(d -> ((ObjectNode) d.get("accounts").get(0)).put("address", "0x1234")),
            "accounts[0].address"),
        Arguments.of(
            "a storage proof that is not an array",
            edit(d -> ((ObjectNode) d.get("storages").get(0).get("proofs").get(0)).put("proof", 1)),
            "storages[0].proofs[0].proof: must be an array"),
        Arguments.of(
            "a slot of 31 bytes",
            edit(d -> ((ObjectNode) d.get("storages").get(0)).put("slot", "0x" + "00".repeat(31))),
            "storages[0].slot"),
        Arguments.of(
            "two MMR metas for the headers",
            edit(d -> ((ArrayNode) d.get("mmr_metas")).add(d.get("mmr_metas").get(0).deepCopy())),
            "headers[0]: headers can only be matched to an MMR"));
  }

  private static Consumer<ObjectNode> edit(Consumer<ObjectNode> change) {
    return change;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void aBrokenValueIsNamedByItsPath(String what, Consumer<ObjectNode> change, String expected)
      throws IOException {
    ObjectNode data = folder19();
    change.accept(data);
    ChainDataException e =
        assertThrows(
            ChainDataException.class,
            () -> ChainDataFile.parse(JSON.writeValueAsString(data), "chain-data.json"));
    assertTrue(e.getMessage().startsWith("chain-data.json: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
  }

  @Test
  void duplicateKeysAndTrailingTokensAreRejected() {
    ChainDataException duplicate =
        assertThrows(
            ChainDataException.class,
            () -> ChainDataFile.parse("{\"mmr_metas\": [], \"mmr_metas\": []}", "dup.json"));
    assertTrue(duplicate.getMessage().contains("Duplicate field"), duplicate.getMessage());
    ChainDataException trailing =
        assertThrows(
            ChainDataException.class, () -> ChainDataFile.parse("{\"mmr_metas\": []} x", "t.json"));
    assertTrue(trailing.getMessage().startsWith("t.json: "), trailing.getMessage());
  }
}
