package dev.hdp.preprocess.source.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.cairo.FeltChunks;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.mmr.MmrHashing;
import dev.hdp.core.mmr.PoseidonMmr;
import dev.hdp.core.task.ChainId;
import dev.hdp.fixtures.SharedFixtures;
import dev.hdp.preprocess.PreprocessResult;
import dev.hdp.preprocess.Preprocessor;
import dev.hdp.preprocess.ProgressListener;
import dev.hdp.preprocess.source.AccountProof;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.ChainDataSource;
import dev.hdp.preprocess.source.HeaderWithProof;
import dev.hdp.preprocess.source.StorageProof;
import dev.hdp.preprocess.source.TrieProof;
import dev.hdp.preprocess.source.file.ChainDataFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer client against a local server that answers {@code /accumulators/proofs} the way the
 * Herodotus indexer does, with a response recorded from the real Sepolia data of hdp-sepolia batch
 * 01 (MMR 27): the MMR meta, the header RLPs as 8-byte little-endian chunks, leaf positions and
 * paths. The headers it returns are then preprocessed and give HDP's batch file exactly.
 */
class HerodotusIndexerClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BATCH = SharedFixtures.resolve("hdp-sepolia/01");

  private HttpServer server;
  private URI base;
  private final List<Map<String, String>> queries = Collections.synchronizedList(new ArrayList<>());
  private UnaryOperator<ObjectNode> tamper = UnaryOperator.identity();
  private int status = 200;
  private JsonNode chainData;
  private final TreeMap<Long, JsonNode> headersByBlock = new TreeMap<>();

  @BeforeEach
  void serve() throws IOException {
    chainData = JSON.readTree(BATCH.resolve("chain-data.json").toFile());
    for (JsonNode h : chainData.get("headers")) {
      headersByBlock.put(BlockHeader.decode(Hex.decode(h.get("rlp").asText())).number(), h);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/accumulators/proofs", this::answer);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** The recorded answer for the asked range, built from the fixture. */
  private void answer(HttpExchange exchange) throws IOException {
    Map<String, String> query = new HashMap<>();
    for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], kv[1]);
    }
    queries.add(query);
    long from = Long.parseLong(query.get("from_block_number_inclusive"));
    long to = Long.parseLong(query.get("to_block_number_inclusive"));
    JsonNode fixtureMeta = chainData.get("mmr_metas").get(0);
    ObjectNode root = JSON.createObjectNode();
    ObjectNode mmr = root.putArray("data").addObject();
    ObjectNode meta = mmr.putObject("meta");
    meta.put("mmr_id", "0x" + Long.toHexString(fixtureMeta.get("id").asLong()));
    meta.set("mmr_peaks", fixtureMeta.get("peaks"));
    meta.set("mmr_root", fixtureMeta.get("root"));
    meta.put("mmr_size", fixtureMeta.get("size").asLong());
    ArrayNode proofs = mmr.putArray("proofs");
    for (JsonNode h : headersByBlock.subMap(from, true, to, true).values()) {
      byte[] rlp = Hex.decode(h.get("rlp").asText());
      ObjectNode p = proofs.addObject();
      p.put("block_number", BlockHeader.decode(rlp).number());
      p.put("element_hash", PoseidonMmr.headerLeaf(rlp).toHex());
      p.put("element_index", h.get("proof").get("leaf_idx").asLong());
      ArrayNode chunks = p.putObject("rlp_block_header").putArray("LittleEndian8ByteChunks");
      FeltChunks.toHex(rlp).forEach(chunks::add);
      p.set("siblings_hashes", h.get("proof").get("mmr_path"));
    }
    byte[] body = JSON.writeValueAsBytes(tamper.apply(root));
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private HerodotusIndexerClient client(int maxRange) {
    return new HerodotusIndexerClient(
        base, ChainId.ETHEREUM_SEPOLIA, maxRange, Duration.ofSeconds(10));
  }

  @Test
  void splitsTheRangeSendsHdpsQueryAndRebuildsTheHeaders() {
    List<HeaderWithProof> headers = client(4).headers(ChainId.ETHEREUM_SEPOLIA, 5858987, 5858997);
    assertEquals(11, headers.size());
    assertEquals(3, queries.size());
    assertEquals(
        List.of("5858987-5858990", "5858991-5858994", "5858995-5858997"),
        queries.stream()
            .map(
                q ->
                    q.get("from_block_number_inclusive") + "-" + q.get("to_block_number_inclusive"))
            .toList());
    Map<String, String> q = queries.get(0);
    assertEquals("11155111", q.get("deployed_on_chain"));
    assertEquals("11155111", q.get("accumulates_chain"));
    assertEquals("poseidon", q.get("hashing_function"));
    assertEquals("AGGREGATOR", q.get("contract_type"));
    for (String flag :
        List.of("is_meta_included", "is_whole_tree", "is_rlp_included", "is_pure_rlp")) {
      assertEquals("true", q.get(flag), flag);
    }
    for (int i = 0; i < headers.size(); i++) {
      HeaderWithProof h = headers.get(i);
      JsonNode recorded = headersByBlock.get(5858987L + i);
      assertEquals(recorded.get("rlp").asText(), Hex.encode(h.rlp()));
      assertEquals(recorded.get("proof").get("leaf_idx").asLong(), h.position());
      assertEquals(MmrHashing.POSEIDON, h.hashing());
      assertEquals(27, h.mmr().id());
      assertEquals(13024091, h.mmr().size());
    }
  }

  @Test
  void itsHeadersPreprocessToHdpsBatchFile() throws IOException {
    HerodotusIndexerClient indexer = client(800);
    ChainDataFile file = ChainDataFile.read(BATCH.resolve("chain-data.json"));
    ChainDataSource source =
        new ChainDataSource() {
          @Override
          public HeaderWithProof header(ChainId chainId, long blockNumber) {
            return indexer.header(chainId, blockNumber);
          }

          @Override
          public AccountProof account(ChainId chainId, long blockNumber, Address address) {
            return file.account(chainId, blockNumber, address);
          }

          @Override
          public StorageProof storage(
              ChainId chainId, long blockNumber, Address address, Bytes32 slot) {
            return file.storage(chainId, blockNumber, address, slot);
          }

          @Override
          public TrieProof transaction(ChainId chainId, long blockNumber, long index) {
            return file.transaction(chainId, blockNumber, index);
          }

          @Override
          public TrieProof receipt(ChainId chainId, long blockNumber, long index) {
            return file.receipt(chainId, blockNumber, index);
          }
        };
    indexer.prefetch(ChainId.ETHEREUM_SEPOLIA, new long[] {5858997, 5858987});
    SubmitBatchQuery query =
        SubmitBatchQuery.parse(Files.readString(BATCH.resolve("request.json")));
    PreprocessResult result = new Preprocessor(source, ProgressListener.NONE).process(query);
    assertEquals(1, queries.size(), "one range request, the rest from its cache");
    assertEquals(
        JSON.readTree(BATCH.resolve("expected-batch.json").toFile()),
        JSON.readTree(result.batch().toJson()));
  }

  @Test
  void asAProofProviderItRejectsAHeaderThatDiffersFromTheNodes() {
    HerodotusIndexerClient indexer = client(800);
    byte[] nodeRlp = Hex.decode(headersByBlock.get(5858990L).get("rlp").asText());
    assertEquals(
        5858990,
        BlockHeader.decode(indexer.prove(ChainId.ETHEREUM_SEPOLIA, 5858990, nodeRlp).rlp())
            .number());
    byte[] other = Hex.decode(headersByBlock.get(5858991L).get("rlp").asText());
    var e =
        assertThrows(
            ChainDataException.class,
            () -> indexer.prove(ChainId.ETHEREUM_SEPOLIA, 5858990, other));
    assertTrue(e.getMessage().contains("differs from the node's"), e.getMessage());
  }

  private String failure(UnaryOperator<ObjectNode> change) {
    tamper = change;
    return assertThrows(
            ChainDataException.class,
            () -> client(800).headers(ChainId.ETHEREUM_SEPOLIA, 5858987, 5858997))
        .getMessage();
  }

  private static ObjectNode firstMmr(ObjectNode root) {
    return (ObjectNode) root.get("data").get(0);
  }

  @Test
  void malformedAnswersAreErrorsThatSayWhere() {
    assertTrue(
        failure(
                r -> {
                  ((ArrayNode) r.get("data")).add(firstMmr(r).deepCopy());
                  return r;
                })
            .contains("data: expected exactly one MMR, got 2"));
    assertTrue(
        failure(
                r -> {
                  ((ArrayNode) firstMmr(r).get("proofs")).remove(3);
                  return r;
                })
            .contains("data[0].proofs: 10 proofs for the 11 blocks 5858987–5858997"));
    assertTrue(
        failure(
                r -> {
                  ((ObjectNode) firstMmr(r).get("proofs").get(2)).put("element_hash", "0x1234");
                  return r;
                })
            .contains("data[0].proofs[2].element_hash: "));
    assertTrue(
        failure(
                r -> {
                  ArrayNode chunks =
                      (ArrayNode)
                          firstMmr(r)
                              .get("proofs")
                              .get(1)
                              .get("rlp_block_header")
                              .get("LittleEndian8ByteChunks");
                  chunks.remove(chunks.size() - 1);
                  return r;
                })
            .contains("data[0].proofs[1].rlp_block_header.LittleEndian8ByteChunks: "));
    assertTrue(
        failure(
                r -> {
                  ((ObjectNode) firstMmr(r).get("proofs").get(0)).put("block_number", 5858988);
                  return r;
                })
            .contains(
                "data[0].proofs[0]: block_number 5858988 but the header is of block 5858987"));
  }

  @Test
  void anHttpErrorNamesTheRequest() {
    status = 503;
    String message = failure(UnaryOperator.identity());
    assertTrue(message.startsWith("indexer http://127.0.0.1:"), message);
    assertTrue(message.contains("from_block_number_inclusive=5858987"), message);
    assertTrue(message.contains(": HTTP 503: "), message);
  }
}
