package dev.hdp.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.cairo.FeltChunks;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.task.DatalakeComputeTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Gen2 input of HDP's Cairo program (hdp.md §6.5): MMR metas, headers with MMR proofs, account,
 * storage, transaction and receipt proofs, and the tasks, with byte strings as u64 little-endian
 * felt chunks. Built by the preprocessor from verified items only.
 *
 * <p>HDP fills its proof lists from hash sets, so its order is arbitrary; ours is the order in
 * which items were added (deterministic for a given request), with duplicates dropped.
 */
public final class CairoInput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A header with its MMR position and path. */
  public record Header(byte[] rlp, long position, List<Bytes32> mmrPath) {
    /** Copies. */
    public Header {
      rlp = rlp.clone();
      mmrPath = List.copyOf(mmrPath);
    }
  }

  /** A proof (list of trie nodes, root first) at a block. */
  public record BlockProof(long blockNumber, List<byte[]> nodes) {
    /** Copies. */
    public BlockProof {
      nodes = nodes.stream().map(byte[]::clone).toList();
    }
  }

  private final Bytes32 tasksRoot;
  private final Bytes32 resultsRoot;
  private final List<MmrMeta> mmrMetas;
  private final Map<Long, Header> headers = new LinkedHashMap<>();
  private final Map<Address, Map<Long, BlockProof>> accounts = new LinkedHashMap<>();
  private final Map<String, Map<Long, BlockProof>> storages = new LinkedHashMap<>();
  private final Map<String, StorageKey> storageKeys = new LinkedHashMap<>();
  private final Map<String, TrieItem> transactions = new LinkedHashMap<>();
  private final Map<String, TrieItem> receipts = new LinkedHashMap<>();
  private final List<DatalakeComputeTask> tasks = new ArrayList<>();

  private record StorageKey(Address address, Bytes32 slot) {}

  private record TrieItem(byte[] key, BlockProof proof) {}

  /** Starts an input for a batch with these roots and MMRs. */
  public CairoInput(Bytes32 tasksRoot, Bytes32 resultsRoot, List<MmrMeta> mmrMetas) {
    this.tasksRoot = Objects.requireNonNull(tasksRoot, "tasksRoot");
    this.resultsRoot = Objects.requireNonNull(resultsRoot, "resultsRoot");
    this.mmrMetas = List.copyOf(mmrMetas);
  }

  /** Adds a header once, keyed by its block number. */
  public CairoInput header(long blockNumber, Header header) {
    headers.putIfAbsent(blockNumber, header);
    return this;
  }

  /** Adds an account proof once per (address, block). */
  public CairoInput account(Address address, BlockProof proof) {
    accounts
        .computeIfAbsent(address, a -> new LinkedHashMap<>())
        .putIfAbsent(proof.blockNumber(), proof);
    return this;
  }

  /** Adds a storage proof once per (address, slot, block). */
  public CairoInput storage(Address address, Bytes32 slot, BlockProof proof) {
    String key = address.toHex() + slot.toHex();
    storageKeys.putIfAbsent(key, new StorageKey(address, slot));
    storages
        .computeIfAbsent(key, k -> new LinkedHashMap<>())
        .putIfAbsent(proof.blockNumber(), proof);
    return this;
  }

  /** Adds a transaction proof once per (block, key); {@code key} is rlp(index). */
  public CairoInput transaction(byte[] key, BlockProof proof) {
    transactions.putIfAbsent(
        proof.blockNumber() + Hex.encode(key), new TrieItem(key.clone(), proof));
    return this;
  }

  /** Adds a receipt proof once per (block, key); {@code key} is rlp(index). */
  public CairoInput receipt(byte[] key, BlockProof proof) {
    receipts.putIfAbsent(proof.blockNumber() + Hex.encode(key), new TrieItem(key.clone(), proof));
    return this;
  }

  /** Adds a task, in batch order. */
  public CairoInput task(DatalakeComputeTask task) {
    tasks.add(task);
    return this;
  }

  /** The JSON document, laid out as HDP writes it. */
  public String toJson() {
    ObjectNode root = NODES.objectNode();
    root.put("cairo_run_output_path", "cairo_run_output.json");
    root.put("task_root", tasksRoot.toHex());
    root.put("result_root", resultsRoot.toHex());
    ObjectNode proofs = root.putObject("proofs");
    ArrayNode metas = proofs.putArray("mmr_metas");
    for (MmrMeta meta : mmrMetas) {
      metas.add(BatchFile.mmrMetaJson(meta));
    }
    ArrayNode headerArray = proofs.putArray("headers");
    for (Header header : headers.values()) {
      ObjectNode h = headerArray.addObject();
      putChunks(h, "rlp", header.rlp());
      h.put("rlp_bytes_len", header.rlp().length);
      ObjectNode proof = h.putObject("proof");
      proof.put("leaf_idx", header.position());
      ArrayNode path = proof.putArray("mmr_path");
      header.mmrPath().forEach(p -> path.add(BatchFile.feltHex(p)));
    }
    ArrayNode accountArray = proofs.putArray("accounts");
    accounts.forEach(
        (address, byBlock) -> {
          ObjectNode a = accountArray.addObject();
          putChunks(a, "address", address.toArray());
          a.put("account_key", address.keccak().toHex());
          putBlockProofs(a, byBlock.values());
        });
    ArrayNode storageArray = proofs.putArray("storages");
    storages.forEach(
        (key, byBlock) -> {
          StorageKey sk = storageKeys.get(key);
          ObjectNode s = storageArray.addObject();
          putChunks(s, "address", sk.address().toArray());
          putChunks(s, "slot", sk.slot().toArray());
          s.put("storage_key", dev.hdp.core.bytes.Keccak256.hash(sk.slot().toArray()).toHex());
          putBlockProofs(s, byBlock.values());
        });
    putTrieItems(proofs.putArray("transactions"), transactions);
    putTrieItems(proofs.putArray("transaction_receipts"), receipts);
    ArrayNode taskArray = root.putArray("tasks");
    for (DatalakeComputeTask task : tasks) {
      ObjectNode t = taskArray.addObject();
      t.put("type", "datalake_compute");
      ObjectNode context = t.putObject("context");
      byte[] encodedTask = task.encode();
      byte[] encodedDatalake = task.datalake().encode();
      context.put("task_bytes_len", encodedTask.length);
      putChunks(context, "encoded_task", encodedTask);
      context.put("datalake_bytes_len", encodedDatalake.length);
      putChunks(context, "encoded_datalake", encodedDatalake);
      context.put("datalake_type", task.datalake().type().code());
      context.put("property_type", task.datalake().propertyType());
    }
    return Json.pretty(root);
  }

  private static void putTrieItems(ArrayNode array, Map<String, TrieItem> items) {
    for (TrieItem item : items.values()) {
      ObjectNode t = array.addObject();
      t.put("key", Hex.encode(item.key()));
      t.put("block_number", item.proof().blockNumber());
      putProofNodes(t, item.proof().nodes());
    }
  }

  private static void putBlockProofs(ObjectNode parent, Iterable<BlockProof> proofs) {
    ArrayNode array = parent.putArray("proofs");
    for (BlockProof proof : proofs) {
      ObjectNode p = array.addObject();
      p.put("block_number", proof.blockNumber());
      putProofNodes(p, proof.nodes());
    }
  }

  private static void putProofNodes(ObjectNode parent, List<byte[]> nodes) {
    ArrayNode lengths = parent.putArray("proof_bytes_len");
    nodes.forEach(n -> lengths.add(n.length));
    ArrayNode proof = parent.putArray("proof");
    for (byte[] node : nodes) {
      ArrayNode chunks = proof.addArray();
      FeltChunks.toHex(node).forEach(chunks::add);
    }
  }

  private static void putChunks(ObjectNode parent, String name, byte[] bytes) {
    ArrayNode array = parent.putArray(name);
    FeltChunks.toHex(bytes).forEach(array::add);
  }
}
