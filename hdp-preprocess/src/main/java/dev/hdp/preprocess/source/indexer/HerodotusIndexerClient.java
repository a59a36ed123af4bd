package dev.hdp.preprocess.source.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.cairo.FeltChunks;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.mmr.MmrHashing;
import dev.hdp.core.mmr.PoseidonMmr;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.task.ChainId;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.HeaderWithProof;
import dev.hdp.preprocess.source.rpc.HeaderProofProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of Herodotus' indexer (hdp.md §6.3): {@code GET /accumulators/proofs} with the query HDP
 * sends ({@code hashing_function=poseidon}, {@code contract_type=AGGREGATOR}, whole tree, meta and
 * pure RLP included), ranges split into chunks of at most 800 blocks. Each chunk's answer must hold
 * exactly one MMR and exactly one proof per block; the header RLP arrives as 8-byte little-endian
 * chunks and is rebuilt to the length its RLP prefix declares (the bytes beyond must be zero), and
 * the element hash must be the Poseidon leaf of that RLP. The proofs are still unverified: the
 * preprocessor walks them to the MMR root.
 *
 * <p>As a {@link HeaderProofProvider} next to an RPC node, the indexer's RLP must equal the RLP the
 * node's block hash confirms.
 */
public final class HerodotusIndexerClient implements HeaderProofProvider {
  /** The public endpoint HDP uses. */
  public static final URI DEFAULT_BASE = URI.create("https://rs-indexer.api.herodotus.cloud");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final ChainId deployedOn;
  private final int maxRange;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, HeaderWithProof> cache = new ConcurrentHashMap<>();

  /**
   * A client for headers accumulated on the chain asked for, by the aggregator deployed on {@code
   * deployedOn}.
   *
   * @param maxRange blocks per request (HDP uses 800)
   */
  public HerodotusIndexerClient(URI base, ChainId deployedOn, int maxRange, Duration timeout) {
    this.base = Objects.requireNonNull(base, "base");
    this.deployedOn = Objects.requireNonNull(deployedOn, "deployedOn");
    if (maxRange < 1) {
      throw new IllegalArgumentException("maxRange must be >= 1");
    }
    this.maxRange = maxRange;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * The public indexer, for the aggregator deployed on {@code deployedOn}, 800 blocks a request.
   */
  public HerodotusIndexerClient(ChainId deployedOn) {
    this(DEFAULT_BASE, deployedOn, 800, Duration.ofSeconds(60));
  }

  /**
   * The headers of blocks {@code from}…{@code to} of chain {@code accumulates} with their proofs,
   * in block order.
   *
   * @throws ChainDataException naming the request when the indexer fails or answers malformed
   */
  public List<HeaderWithProof> headers(ChainId accumulates, long from, long to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad block range " + from + "–" + to);
    }
    List<HeaderWithProof> out = new ArrayList<>();
    for (long a = from; a <= to; a += maxRange) {
      long b = Math.min(to, a + maxRange - 1);
      out.addAll(chunk(accumulates, a, b));
    }
    return out;
  }

  /** The header of one block with its proof (cached from earlier ranges). */
  public HeaderWithProof header(ChainId accumulates, long block) {
    HeaderWithProof known = cache.get(key(accumulates, block));
    return known != null ? known : chunk(accumulates, block, block).get(0);
  }

  @Override
  public void prefetch(ChainId chainId, long[] blockNumbers) {
    if (blockNumbers.length > 0) {
      long[] sorted = blockNumbers.clone();
      Arrays.sort(sorted);
      headers(chainId, sorted[0], sorted[sorted.length - 1]);
    }
  }

  @Override
  public HeaderWithProof prove(ChainId chainId, long blockNumber, byte[] rlp) {
    HeaderWithProof proof = header(chainId, blockNumber);
    if (!Arrays.equals(proof.rlp(), rlp)) {
      throw new ChainDataException(
          "the indexer's header of block "
              + blockNumber
              + " differs from the node's (hash "
              + dev.hdp.core.bytes.Keccak256.hash(proof.rlp())
              + " vs "
              + dev.hdp.core.bytes.Keccak256.hash(rlp)
              + ")");
    }
    return proof;
  }

  private List<HeaderWithProof> chunk(ChainId accumulates, long from, long to) {
    URI uri = base.resolve("/accumulators/proofs?" + query(accumulates, from, to));
    String where = "indexer " + uri;
    JsonNode root;
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        throw new ChainDataException(
            where + ": HTTP " + response.statusCode() + ": " + Hex.abbreviate(body.strip()));
      }
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ChainDataException(where + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainDataException(where + ": interrupted", e);
    }
    try {
      List<HeaderWithProof> headers = parse(root, accumulates, from, to);
      for (HeaderWithProof h : headers) {
        cache.put(key(accumulates, BlockHeader.decode(h.rlp()).number()), h);
      }
      return headers;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ChainDataException(where + ": " + e.getMessage(), e);
    }
  }

  private String query(ChainId accumulates, long from, long to) {
    return "deployed_on_chain="
        + deployedOn.value()
        + "&accumulates_chain="
        + accumulates.value()
        + "&hashing_function=poseidon&contract_type=AGGREGATOR"
        + "&from_block_number_inclusive="
        + from
        + "&to_block_number_inclusive="
        + to
        + "&is_meta_included=true&is_whole_tree=true&is_rlp_included=true&is_pure_rlp=true";
  }

  /** Reads one answer strictly; messages name the JSON path. */
  static List<HeaderWithProof> parse(JsonNode root, ChainId accumulates, long from, long to) {
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || !data.isArray() || data.size() != 1) {
      throw new IllegalArgumentException(
          "data: expected exactly one MMR, got " + (data == null ? "none" : data.size() + ""));
    }
    JsonNode meta = field(data.get(0), "meta", "data[0]");
    long id = hexLong(field(meta, "mmr_id", "data[0].meta"), "data[0].meta.mmr_id");
    long size = number(field(meta, "mmr_size", "data[0].meta"), "data[0].meta.mmr_size");
    Bytes32 root2 = felt(field(meta, "mmr_root", "data[0].meta"), "data[0].meta.mmr_root");
    List<Bytes32> peaks = new ArrayList<>();
    JsonNode peakArray = array(meta, "mmr_peaks", "data[0].meta");
    for (int i = 0; i < peakArray.size(); i++) {
      peaks.add(felt(peakArray.get(i), "data[0].meta.mmr_peaks[" + i + "]"));
    }
    MmrMeta mmr = new MmrMeta(id, size, accumulates, root2, peaks);
    JsonNode proofs = array(data.get(0), "proofs", "data[0]");
    if (proofs.size() != to - from + 1) {
      throw new IllegalArgumentException(
          "data[0].proofs: "
              + proofs.size()
              + " proofs for the "
              + (to - from + 1)
              + " blocks "
              + from
              + "–"
              + to);
    }
    HeaderWithProof[] byBlock = new HeaderWithProof[proofs.size()];
    for (int i = 0; i < proofs.size(); i++) {
      String path = "data[0].proofs[" + i + "]";
      JsonNode p = proofs.get(i);
      long block = number(field(p, "block_number", path), path + ".block_number");
      if (block < from || block > to || byBlock[(int) (block - from)] != null) {
        throw new IllegalArgumentException(
            path + ".block_number: " + block + " is outside " + from + "–" + to + " or repeated");
      }
      byte[] rlp =
          rlp(
              field(
                  field(p, "rlp_block_header", path),
                  "LittleEndian8ByteChunks",
                  path + ".rlp_block_header"),
              path + ".rlp_block_header.LittleEndian8ByteChunks");
      BlockHeader header;
      try {
        header = BlockHeader.decode(rlp);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            path + ".rlp_block_header: not a header: " + e.getMessage(), e);
      }
      if (header.number() != block) {
        throw new IllegalArgumentException(
            path + ": block_number " + block + " but the header is of block " + header.number());
      }
      Bytes32 element = felt(field(p, "element_hash", path), path + ".element_hash");
      Bytes32 leaf = Bytes32.of(PoseidonMmr.headerLeaf(rlp).toBytesBE());
      if (!element.equals(leaf)) {
        throw new IllegalArgumentException(
            path
                + ".element_hash: "
                + element
                + " is not the Poseidon leaf of the header, "
                + leaf);
      }
      long position = number(field(p, "element_index", path), path + ".element_index");
      List<Bytes32> siblings = new ArrayList<>();
      JsonNode s = array(p, "siblings_hashes", path);
      for (int j = 0; j < s.size(); j++) {
        siblings.add(felt(s.get(j), path + ".siblings_hashes[" + j + "]"));
      }
      byBlock[(int) (block - from)] =
          new HeaderWithProof(rlp, mmr, position, siblings, MmrHashing.POSEIDON);
    }
    return List.of(byBlock);
  }

  /** Rebuilds the RLP from its 8-byte little-endian chunks, to the length its prefix declares. */
  private static byte[] rlp(JsonNode chunks, String path) {
    if (!chunks.isArray() || chunks.isEmpty()) {
      throw new IllegalArgumentException(path + ": missing or empty");
    }
    List<String> hex = new ArrayList<>(chunks.size());
    chunks.forEach(c -> hex.add(c.asText()));
    // The first chunk holds the list prefix: 0xf7 + n, then n length bytes (headers are > 55
    // bytes).
    long first = chunkValue(hex.get(0), path + "[0]");
    int prefix = (int) (first & 0xff);
    if (prefix < 0xf8 || prefix > 0xfb) {
      throw new IllegalArgumentException(
          path
              + ": the RLP does not start with a long list prefix: "
              + String.format("0x%02x", prefix));
    }
    int lengthBytes = prefix - 0xf7;
    long payload = 0;
    for (int i = 0; i < lengthBytes; i++) {
      payload = payload << 8 | ((first >>> (8 * (i + 1))) & 0xff);
    }
    long total = 1 + lengthBytes + payload;
    if (total > 8L * hex.size() || total <= 8L * (hex.size() - 1)) {
      throw new IllegalArgumentException(
          path
              + ": "
              + hex.size()
              + " chunks cannot hold the "
              + total
              + " bytes the RLP declares");
    }
    try {
      return FeltChunks.fromHex(hex, (int) total);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static long chunkValue(String hex, String path) {
    if (!hex.startsWith("0x") || hex.length() < 3 || hex.length() > 18) {
      throw new IllegalArgumentException(
          path + ": not a 0x chunk of 1-16 hex digits: " + Hex.abbreviate(hex));
    }
    try {
      return Long.parseUnsignedLong(hex.substring(2), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ": " + Hex.abbreviate(hex) + " is not hex", e);
    }
  }

  private static JsonNode field(JsonNode parent, String name, String path) {
    JsonNode child = parent == null ? null : parent.get(name);
    if (child == null || child.isNull()) {
      throw new IllegalArgumentException(path + "." + name + ": missing");
    }
    return child;
  }

  private static JsonNode array(JsonNode parent, String name, String path) {
    JsonNode child = field(parent, name, path);
    if (!child.isArray()) {
      throw new IllegalArgumentException(path + "." + name + ": not an array");
    }
    return child;
  }

  private static long number(JsonNode node, String path) {
    if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
      throw new IllegalArgumentException(path + ": not a non-negative integer: " + node);
    }
    return node.asLong();
  }

  private static long hexLong(JsonNode node, String path) {
    String text = node.asText();
    if (!node.isTextual() || !text.startsWith("0x") || text.length() < 3 || text.length() > 17) {
      throw new IllegalArgumentException(path + ": not a 0x hex number: " + node);
    }
    try {
      return Long.parseLong(text.substring(2), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ": not a 0x hex number: " + node, e);
    }
  }

  private static Bytes32 felt(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(path + ": not a hex string: " + node);
    }
    try {
      return Bytes32.of(Felt252.fromHex(node.asText()).toBytesBE());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static String key(ChainId chain, long block) {
    return chain.value() + "/" + block;
  }
}
