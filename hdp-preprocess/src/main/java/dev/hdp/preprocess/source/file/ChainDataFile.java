package dev.hdp.preprocess.source.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.chain.ChainProofs;
import dev.hdp.core.mmr.MmrHashing;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.task.ChainId;
import dev.hdp.preprocess.source.AccountProof;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.ChainDataSource;
import dev.hdp.preprocess.source.HeaderWithProof;
import dev.hdp.preprocess.source.StorageProof;
import dev.hdp.preprocess.source.TrieProof;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chain data recorded in a {@code chain-data.json} file (format: the hdp-sepolia fixtures' README):
 * {@code mmr_metas}, {@code headers} ({@code rlp}, {@code proof.leaf_idx}, {@code proof.mmr_path}),
 * {@code accounts}, {@code storages}, {@code transactions} and {@code transaction_receipts}.
 *
 * <p>The file is parsed strictly (unknown keys, bad hex and missing fields are errors naming the
 * JSON path) and indexed in memory; nothing in it is trusted until the preprocessor verifies it.
 */
public final class ChainDataFile implements ChainDataSource {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String origin;
  private final List<MmrMeta> mmrMetas;
  private final Map<Long, HeaderWithProof> headers = new HashMap<>();
  private final Map<String, AccountProof> accounts = new HashMap<>();
  private final Map<String, List<byte[]>> storages = new HashMap<>();
  private final Map<String, TrieProof> transactions = new HashMap<>();
  private final Map<String, TrieProof> receipts = new HashMap<>();

  private ChainDataFile(String origin, JsonNode root) {
    this.origin = origin;
    Node top = new Node(root, "", origin);
    top.only(
        "mmr_metas", "headers", "accounts", "storages", "transactions", "transaction_receipts");
    this.mmrMetas = new ArrayList<>();
    for (Node meta : top.array("mmr_metas")) {
      meta.only("id", "root", "size", "peaks", "chain_id");
      mmrMetas.add(
          new MmrMeta(
              meta.field("id").longValue(),
              meta.field("size").longValue(),
              ChainId.of(meta.field("chain_id").longValue()),
              meta.field("root").felt(),
              meta.array("peaks").stream().map(Node::felt).toList()));
    }
    for (Node header : top.optionalArray("headers")) {
      header.only("rlp", "proof");
      Node proof = header.field("proof");
      proof.only("leaf_idx", "mmr_path");
      byte[] rlp = header.field("rlp").bytes();
      long number = blockNumberOf(rlp, header.path);
      MmrMeta meta = mmrFor(header.path);
      headers.put(
          number,
          new HeaderWithProof(
              rlp,
              meta,
              proof.field("leaf_idx").longValue(),
              proof.array("mmr_path").stream().map(Node::felt).toList(),
              MmrHashing.POSEIDON));
    }
    for (Node account : top.optionalArray("accounts")) {
      account.only("address", "proofs");
      Address address = account.field("address").address();
      for (Node proof : account.array("proofs")) {
        proof.only("block_number", "proof");
        long block = proof.field("block_number").longValue();
        accounts.put(accountKey(address, block), new AccountProof(address, block, nodes(proof)));
      }
    }
    for (Node storage : top.optionalArray("storages")) {
      storage.only("address", "slot", "proofs");
      Address address = storage.field("address").address();
      Bytes32 slot = storage.field("slot").bytes32();
      for (Node proof : storage.array("proofs")) {
        proof.only("block_number", "proof");
        storages.put(
            storageKey(address, slot, proof.field("block_number").longValue()), nodes(proof));
      }
    }
    readTrieProofs(top, "transactions", transactions);
    readTrieProofs(top, "transaction_receipts", receipts);
  }

  /**
   * Reads and indexes a chain-data file.
   *
   * @throws ChainDataException naming the file and the JSON path of what is wrong
   */
  public static ChainDataFile read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ChainDataException("cannot read chain data " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses chain-data JSON; {@code origin} names it in error messages. */
  public static ChainDataFile parse(String json, String origin) {
    try {
      return new ChainDataFile(origin, MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new ChainDataException(
          origin + ": not valid JSON: " + e.getOriginalMessage() + " " + e.getLocation(), e);
    } catch (IllegalArgumentException e) {
      throw new ChainDataException(origin + ": " + e.getMessage(), e);
    }
  }

  /** The MMR metas the file declares. */
  public List<MmrMeta> mmrMetas() {
    return List.copyOf(mmrMetas);
  }

  @Override
  public HeaderWithProof header(ChainId chainId, long blockNumber) {
    HeaderWithProof header = headers.get(blockNumber);
    if (header == null || !header.mmr().chainId().equals(chainId)) {
      throw missing("the header of block " + blockNumber + " on chain " + chainId);
    }
    return header;
  }

  @Override
  public AccountProof account(ChainId chainId, long blockNumber, Address address) {
    AccountProof proof = accounts.get(accountKey(address, blockNumber));
    if (proof == null) {
      throw missing("the account proof of " + address + " at block " + blockNumber);
    }
    return proof;
  }

  @Override
  public StorageProof storage(ChainId chainId, long blockNumber, Address address, Bytes32 slot) {
    List<byte[]> nodes = storages.get(storageKey(address, slot, blockNumber));
    if (nodes == null) {
      throw missing(
          "the storage proof of slot " + slot + " of " + address + " at block " + blockNumber);
    }
    return new StorageProof(
        address, slot, blockNumber, account(chainId, blockNumber, address), nodes);
  }

  @Override
  public TrieProof transaction(ChainId chainId, long blockNumber, long index) {
    return trieProof(transactions, "transaction", blockNumber, index);
  }

  @Override
  public TrieProof receipt(ChainId chainId, long blockNumber, long index) {
    return trieProof(receipts, "receipt", blockNumber, index);
  }

  private TrieProof trieProof(Map<String, TrieProof> proofs, String what, long block, long index) {
    TrieProof proof = proofs.get(trieKey(block, ChainProofs.indexKey(index)));
    if (proof == null) {
      throw missing("the " + what + " proof of index " + index + " in block " + block);
    }
    return proof;
  }

  private ChainDataException missing(String what) {
    return new ChainDataException(origin + ": missing " + what);
  }

  private MmrMeta mmrFor(String path) {
    if (mmrMetas.size() != 1) {
      throw new IllegalArgumentException(
          path
              + ": headers can only be matched to an MMR when the file declares exactly one"
              + " (it declares "
              + mmrMetas.size()
              + ")");
    }
    return mmrMetas.get(0);
  }

  private static long blockNumberOf(byte[] rlp, String path) {
    try {
      return BlockHeader.decode(rlp).number();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(path + ".rlp: not a block header: " + e.getMessage(), e);
    }
  }

  private void readTrieProofs(Node top, String name, Map<String, TrieProof> into) {
    for (Node item : top.optionalArray(name)) {
      item.only("key", "block_number", "proof");
      byte[] key = item.field("key").bytes();
      long block = item.field("block_number").longValue();
      long index = indexOfKey(key, item.path + ".key");
      into.put(trieKey(block, key), new TrieProof(block, index, nodes(item)));
    }
  }

  private static long indexOfKey(byte[] key, String path) {
    // The key is rlp(index); decode it by re-encoding candidates would be slow, so read it
    // directly.
    try {
      var item = dev.hdp.core.rlp.RlpDecoder.decode(key);
      long index = item.asString().asLong();
      if (!java.util.Arrays.equals(ChainProofs.indexKey(index), key)) {
        throw new IllegalArgumentException("not the canonical rlp of an index");
      }
      return index;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static List<byte[]> nodes(Node proof) {
    return proof.array("proof").stream().map(Node::bytes).toList();
  }

  private static String accountKey(Address address, long block) {
    return address.toHex() + "@" + block;
  }

  private static String storageKey(Address address, Bytes32 slot, long block) {
    return address.toHex() + "/" + slot.toHex() + "@" + block;
  }

  private static String trieKey(long block, byte[] key) {
    return block + "/" + Hex.encode(key);
  }

  /** A JSON node with its path, for strict reading with messages that say where. */
  private record Node(JsonNode json, String path, String origin) {
    Node field(String name) {
      JsonNode child = json.get(name);
      if (child == null || child.isNull()) {
        throw new IllegalArgumentException(at(name) + ": missing");
      }
      return new Node(child, at(name), origin);
    }

    List<Node> array(String name) {
      Node node = field(name);
      if (!node.json.isArray()) {
        throw new IllegalArgumentException(node.path + ": must be an array");
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < node.json.size(); i++) {
        out.add(new Node(node.json.get(i), node.path + "[" + i + "]", origin));
      }
      return out;
    }

    List<Node> optionalArray(String name) {
      return json.has(name) ? array(name) : List.of();
    }

    void only(String... names) {
      if (!json.isObject()) {
        throw new IllegalArgumentException(
            (path.isEmpty() ? "the top level" : path) + ": must be an object");
      }
      Set<String> allowed = Set.of(names);
      for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!allowed.contains(name)) {
          throw new IllegalArgumentException(at(name) + ": unknown property");
        }
      }
    }

    long longValue() {
      if (!json.canConvertToExactIntegral() || !json.canConvertToLong() || json.asLong() < 0) {
        throw new IllegalArgumentException(path + ": must be a non-negative integer, got " + json);
      }
      return json.asLong();
    }

    String text() {
      if (!json.isTextual()) {
        throw new IllegalArgumentException(path + ": must be a hex string, got " + json);
      }
      return json.asText();
    }

    byte[] bytes() {
      try {
        return Hex.decode(text());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    Bytes32 bytes32() {
      try {
        return Bytes32.fromHex(text());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    Address address() {
      try {
        return Address.fromHex(text());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    /** A field element written as minimal hex (MMR roots, peaks and path hashes). */
    Bytes32 felt() {
      try {
        return Bytes32.of(Felt252.fromHex(text()).toBytesBE());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    private String at(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }
  }
}
