package dev.hdp.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.TaskValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * HDP's batch file ({@code hdp run -b batch.json}, Rust {@code ProcessorOutput}): everything {@code
 * authenticateTaskExecution} needs (hdp.md §6.6). The lists pair up by task index.
 */
public record BatchFile(
    List<UInt256> rawResults,
    List<Bytes32> resultsCommitments,
    List<Bytes32> tasksCommitments,
    List<List<Bytes32>> taskInclusionProofs,
    List<List<Bytes32>> resultsInclusionProofs,
    Bytes32 resultsRoot,
    Bytes32 tasksRoot,
    List<MmrMeta> mmrMetas) {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public BatchFile {
    rawResults = List.copyOf(rawResults);
    resultsCommitments = List.copyOf(resultsCommitments);
    tasksCommitments = List.copyOf(tasksCommitments);
    taskInclusionProofs = taskInclusionProofs.stream().map(List::copyOf).toList();
    resultsInclusionProofs = resultsInclusionProofs.stream().map(List::copyOf).toList();
    mmrMetas = List.copyOf(mmrMetas);
    int n = tasksCommitments.size();
    if (rawResults.size() != n
        || resultsCommitments.size() != n
        || taskInclusionProofs.size() != n
        || resultsInclusionProofs.size() != n) {
      throw new IllegalArgumentException(
          "batch lists differ in length: "
              + List.of(
                  rawResults.size(),
                  resultsCommitments.size(),
                  n,
                  taskInclusionProofs.size(),
                  resultsInclusionProofs.size()));
    }
    if (resultsRoot == null || tasksRoot == null) {
      throw new IllegalArgumentException("a root is missing");
    }
  }

  /**
   * Parses a batch file strictly.
   *
   * @throws JsonFormatException naming the JSON path and the reason
   */
  public static BatchFile parse(String json) {
    JsonObject root = new JsonObject(Json.read(json), "");
    List<UInt256> raw =
        words(root, "raw_results").stream().map(w -> UInt256.of(w.toBigInteger())).toList();
    List<Bytes32> results = words(root, "results_commitments");
    List<Bytes32> tasks = words(root, "tasks_commitments");
    List<List<Bytes32>> taskProofs = proofs(root, "task_inclusion_proofs");
    List<List<Bytes32>> resultProofs = proofs(root, "results_inclusion_proofs");
    Bytes32 resultsRoot = JsonObject.bytes32(root.required("results_root"), "results_root");
    Bytes32 tasksRoot = JsonObject.bytes32(root.required("tasks_root"), "tasks_root");
    List<JsonNode> metaNodes = root.array("mmr_metas");
    root.finish();
    List<MmrMeta> metas = new ArrayList<>();
    for (int i = 0; i < metaNodes.size(); i++) {
      metas.add(mmrMeta(new JsonObject(metaNodes.get(i), "mmr_metas[" + i + "]")));
    }
    try {
      return new BatchFile(
          raw, results, tasks, taskProofs, resultProofs, resultsRoot, tasksRoot, metas);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException("", e.getMessage());
    }
  }

  /** The file as HDP writes it ({@code serde_json::to_string_pretty}, no final newline). */
  public String toJson() {
    ObjectNode root = NODES.objectNode();
    ArrayNode raw = root.putArray("raw_results");
    rawResults.forEach(r -> raw.add(r.toBytes32().toHex()));
    putWords(root, "results_commitments", resultsCommitments);
    putWords(root, "tasks_commitments", tasksCommitments);
    putProofs(root, "task_inclusion_proofs", taskInclusionProofs);
    putProofs(root, "results_inclusion_proofs", resultsInclusionProofs);
    root.put("results_root", resultsRoot.toHex());
    root.put("tasks_root", tasksRoot.toHex());
    ArrayNode metas = root.putArray("mmr_metas");
    mmrMetas.forEach(meta -> metas.add(mmrMetaJson(meta)));
    return Json.pretty(root);
  }

  private static MmrMeta mmrMeta(JsonObject json) {
    long id = json.nonNegativeLong("id");
    Bytes32 root = JsonObject.hexWord(json.required("root"), json.path("root"));
    long size = json.nonNegativeLong("size");
    List<Bytes32> peaks = new ArrayList<>();
    List<JsonNode> items = json.array("peaks");
    for (int i = 0; i < items.size(); i++) {
      peaks.add(JsonObject.hexWord(items.get(i), json.path("peaks") + "[" + i + "]"));
    }
    JsonNode chain = json.required("chain_id");
    if (!chain.isIntegralNumber()) {
      throw new JsonFormatException(json.path("chain_id"), "must be an integer");
    }
    json.finish();
    try {
      return new MmrMeta(id, size, new ChainId(chain.bigIntegerValue()), root, peaks);
    } catch (TaskValidationException e) {
      throw new JsonFormatException(json.path("chain_id"), e.reason());
    }
  }

  private static List<Bytes32> words(JsonObject json, String field) {
    List<JsonNode> items = json.array(field);
    List<Bytes32> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(JsonObject.bytes32(items.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  private static List<List<Bytes32>> proofs(JsonObject json, String field) {
    List<JsonNode> items = json.array(field);
    List<List<Bytes32>> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String path = field + "[" + i + "]";
      JsonNode proof = items.get(i);
      if (!proof.isArray()) {
        throw new JsonFormatException(path, "must be an array, got " + JsonObject.kind(proof));
      }
      List<Bytes32> siblings = new ArrayList<>();
      for (int j = 0; j < proof.size(); j++) {
        siblings.add(JsonObject.bytes32(proof.get(j), path + "[" + j + "]"));
      }
      out.add(siblings);
    }
    return out;
  }

  private static void putWords(ObjectNode root, String field, List<Bytes32> words) {
    ArrayNode array = root.putArray(field);
    words.forEach(w -> array.add(w.toHex()));
  }

  private static void putProofs(ObjectNode root, String field, List<List<Bytes32>> proofs) {
    ArrayNode array = root.putArray(field);
    for (List<Bytes32> proof : proofs) {
      ArrayNode siblings = array.addArray();
      proof.forEach(s -> siblings.add(s.toHex()));
    }
  }

  /** An MMR meta as HDP writes it in the batch file and the Cairo input. */
  static ObjectNode mmrMetaJson(MmrMeta meta) {
    ObjectNode m = NODES.objectNode();
    m.put("id", meta.id());
    m.put("root", feltHex(meta.root()));
    m.put("size", meta.size());
    ArrayNode peaks = m.putArray("peaks");
    meta.peaks().forEach(p -> peaks.add(feltHex(p)));
    m.put("chain_id", meta.chainId().value());
    return m;
  }

  /**
   * A Poseidon MMR hash (a field element) as the Herodotus indexer and HDP write it: {@code 0x} and
   * 63 hex digits, zero-padded (a felt has at most 252 bits), e.g. {@code 0x0e8a3a…} in the
   * fixtures. A Keccak MMR word (our {@code HeadersAccumulator}) may use all 256 bits; one above
   * 252 bits is written with 64 digits.
   */
  static String feltHex(Bytes32 felt) {
    String digits = felt.toBigInteger().toString(16);
    if (digits.length() > 63) {
      return felt.toHex();
    }
    return "0x" + "0".repeat(63 - digits.length()) + digits;
  }
}
