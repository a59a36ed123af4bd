package dev.hdp.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.cairo.FeltChunks;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.task.DatalakeComputeTask;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
    StringWriter out = new StringWriter(1 << 16);
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.toString();
  }

  /**
   * Streams the document to {@code out}. Streamed rather than built as a JSON tree: a 1,000-block
   * account task holds over half a million felt chunks, and the tree cost more than the proofs'
   * verification (measured with OnlineBench).
   */
  public void writeTo(Writer out) throws IOException {
    try (JsonGenerator g = Json.prettyGenerator(out)) {
      ChunkWriter chunks = new ChunkWriter(g);
      g.writeStartObject();
      g.writeStringField("cairo_run_output_path", "cairo_run_output.json");
      g.writeStringField("task_root", tasksRoot.toHex());
      g.writeStringField("result_root", resultsRoot.toHex());
      g.writeObjectFieldStart("proofs");
      g.writeArrayFieldStart("mmr_metas");
      for (MmrMeta meta : mmrMetas) {
        g.writeTree(BatchFile.mmrMetaJson(meta));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("headers");
      for (Header header : headers.values()) {
        g.writeStartObject();
        chunks.field("rlp", header.rlp());
        g.writeNumberField("rlp_bytes_len", header.rlp().length);
        g.writeObjectFieldStart("proof");
        g.writeNumberField("leaf_idx", header.position());
        g.writeArrayFieldStart("mmr_path");
        for (Bytes32 p : header.mmrPath()) {
          g.writeString(BatchFile.feltHex(p));
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("accounts");
      for (Map.Entry<Address, Map<Long, BlockProof>> account : accounts.entrySet()) {
        g.writeStartObject();
        chunks.field("address", account.getKey().toArray());
        g.writeStringField("account_key", account.getKey().keccak().toHex());
        writeBlockProofs(g, chunks, account.getValue().values());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("storages");
      for (Map.Entry<String, Map<Long, BlockProof>> storage : storages.entrySet()) {
        StorageKey sk = storageKeys.get(storage.getKey());
        g.writeStartObject();
        chunks.field("address", sk.address().toArray());
        chunks.field("slot", sk.slot().toArray());
        g.writeStringField("storage_key", Keccak256.hash(sk.slot().toArray()).toHex());
        writeBlockProofs(g, chunks, storage.getValue().values());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeTrieItems(g, chunks, "transactions", transactions);
      writeTrieItems(g, chunks, "transaction_receipts", receipts);
      g.writeEndObject();
      g.writeArrayFieldStart("tasks");
      for (DatalakeComputeTask task : tasks) {
        g.writeStartObject();
        g.writeStringField("type", "datalake_compute");
        g.writeObjectFieldStart("context");
        byte[] encodedTask = task.encode();
        byte[] encodedDatalake = task.datalake().encode();
        g.writeNumberField("task_bytes_len", encodedTask.length);
        chunks.field("encoded_task", encodedTask);
        g.writeNumberField("datalake_bytes_len", encodedDatalake.length);
        chunks.field("encoded_datalake", encodedDatalake);
        g.writeNumberField("datalake_type", task.datalake().type().code());
        g.writeNumberField("property_type", task.datalake().propertyType());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeTrieItems(
      JsonGenerator g, ChunkWriter chunks, String name, Map<String, TrieItem> items)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (TrieItem item : items.values()) {
      g.writeStartObject();
      g.writeStringField("key", Hex.encode(item.key()));
      g.writeNumberField("block_number", item.proof().blockNumber());
      writeProofNodes(g, chunks, item.proof().nodes());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeBlockProofs(
      JsonGenerator g, ChunkWriter chunks, Iterable<BlockProof> proofs) throws IOException {
    g.writeArrayFieldStart("proofs");
    for (BlockProof proof : proofs) {
      g.writeStartObject();
      g.writeNumberField("block_number", proof.blockNumber());
      writeProofNodes(g, chunks, proof.nodes());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeProofNodes(JsonGenerator g, ChunkWriter chunks, List<byte[]> nodes)
      throws IOException {
    g.writeArrayFieldStart("proof_bytes_len");
    for (byte[] node : nodes) {
      g.writeNumber(node.length);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("proof");
    for (byte[] node : nodes) {
      chunks.array(node);
    }
    g.writeEndArray();
  }

  /** Writes bytes as arrays of u64 little-endian felt chunks without a String per chunk. */
  private static final class ChunkWriter {
    private final JsonGenerator g;
    private final char[] buffer = new char[18];

    ChunkWriter(JsonGenerator g) {
      this.g = g;
    }

    void field(String name, byte[] bytes) throws IOException {
      g.writeFieldName(name);
      array(bytes);
    }

    void array(byte[] bytes) throws IOException {
      g.writeStartArray();
      for (long chunk : FeltChunks.toChunks(bytes)) {
        // FeltChunks.chunkHex's format: 0x and lowercase hex without leading zeros.
        int digits = chunk == 0 ? 1 : (67 - Long.numberOfLeadingZeros(chunk)) / 4;
        buffer[0] = '0';
        buffer[1] = 'x';
        for (int i = digits - 1, shift = 0; i >= 0; i--, shift += 4) {
          buffer[2 + i] = Character.forDigit((int) (chunk >>> shift) & 0xf, 16);
        }
        g.writeString(buffer, 0, 2 + digits);
      }
      g.writeEndArray();
    }
  }
}
