package dev.hdp.preprocess.source.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.rlp.RlpEncoder;
import dev.hdp.preprocess.rpc.RpcHex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the canonical bytes of headers, transactions and receipts from their JSON-RPC objects:
 * the header RLP (checked against the block hash), the EIP-2718 transaction envelope of types 0–4
 * (checked against the transaction hash) and the receipt as the receipt trie stores it. Every field
 * is read strictly; a missing or malformed one is an {@link IllegalArgumentException} naming it.
 */
final class RpcEncoding {
  /** Header fields after the 15 of the legacy layout, in RLP order, as the RPC names them. */
  private static final String[] FORK_FIELDS = {
    "baseFeePerGas",
    "withdrawalsRoot",
    "blobGasUsed",
    "excessBlobGas",
    "parentBeaconBlockRoot",
    "requestsHash"
  };

  private RpcEncoding() {}

  /**
   * The header RLP of an {@code eth_getBlockByNumber} block object.
   *
   * @throws IllegalArgumentException for a malformed field, a gap in the fork fields, or when the
   *     keccak of the rebuilt RLP is not the block's {@code hash}
   */
  static byte[] headerRlp(JsonNode block) {
    List<byte[]> f = new ArrayList<>(21);
    f.add(bytes(block, "parentHash", 32));
    f.add(bytes(block, "sha3Uncles", 32));
    f.add(bytes(block, "miner", 20));
    f.add(bytes(block, "stateRoot", 32));
    f.add(bytes(block, "transactionsRoot", 32));
    f.add(bytes(block, "receiptsRoot", 32));
    f.add(bytes(block, "logsBloom", 256));
    f.add(quantity(block, "difficulty"));
    f.add(quantity(block, "number"));
    f.add(quantity(block, "gasLimit"));
    f.add(quantity(block, "gasUsed"));
    f.add(quantity(block, "timestamp"));
    f.add(RlpEncoder.encodeBytes(RpcHex.data(block, "extraData")));
    f.add(bytes(block, "mixHash", 32));
    f.add(bytes(block, "nonce", 8));
    String missing = null;
    for (String field : FORK_FIELDS) {
      JsonNode value = block.get(field);
      if (value == null || value.isNull()) {
        missing = field;
        continue;
      }
      if (missing != null) {
        throw new IllegalArgumentException(field + " is present but " + missing + " is not");
      }
      boolean hash = field.endsWith("Root") || field.equals("requestsHash");
      f.add(hash ? bytes(block, field, 32) : quantity(block, field));
    }
    byte[] rlp = RlpEncoder.encodeList(f);
    Bytes32 hash = RpcHex.bytes32(block, "hash");
    Bytes32 computed = Keccak256.hash(rlp);
    if (!computed.equals(hash)) {
      throw new IllegalArgumentException(
          "the header rebuilt from the RPC fields hashes to " + computed + ", not to " + hash);
    }
    return rlp;
  }

  /**
   * The EIP-2718 encoding of a transaction object of a full block (types 0–4).
   *
   * @throws IllegalArgumentException for an unknown type, a malformed field, or when the keccak of
   *     the encoding is not the transaction's {@code hash}
   */
  static byte[] transaction(JsonNode tx) {
    int type = RpcHex.quantity(tx, "type").intValueExact();
    List<byte[]> f = new ArrayList<>(14);
    if (type != 0) {
      f.add(quantity(tx, "chainId"));
    }
    f.add(quantity(tx, "nonce"));
    switch (type) {
      case 0, 1 -> f.add(quantity(tx, "gasPrice"));
      case 2, 3, 4 -> {
        f.add(quantity(tx, "maxPriorityFeePerGas"));
        f.add(quantity(tx, "maxFeePerGas"));
      }
      default ->
          throw new IllegalArgumentException(
              "type: transaction type " + type + " is not one of 0-4");
    }
    f.add(quantity(tx, "gas"));
    JsonNode to = tx.get("to");
    f.add(
        to == null || to.isNull()
            ? RlpEncoder.encodeBytes(new byte[0])
            : RlpEncoder.encodeBytes(RpcHex.data(tx, "to", 20)));
    f.add(quantity(tx, "value"));
    f.add(RlpEncoder.encodeBytes(RpcHex.data(tx, "input")));
    if (type != 0) {
      f.add(accessList(tx));
    }
    if (type == 3) {
      f.add(quantity(tx, "maxFeePerBlobGas"));
      List<byte[]> hashes = new ArrayList<>();
      for (JsonNode h : array(tx, "blobVersionedHashes")) {
        hashes.add(RlpEncoder.encodeBytes(RpcHex.data(h.asText(), "blobVersionedHashes[]")));
      }
      f.add(RlpEncoder.encodeList(hashes));
    }
    if (type == 4) {
      List<byte[]> authorizations = new ArrayList<>();
      for (JsonNode a : array(tx, "authorizationList")) {
        authorizations.add(
            RlpEncoder.encodeList(
                quantity(a, "chainId"),
                bytes(a, "address", 20),
                quantity(a, "nonce"),
                quantity(a, "yParity"),
                quantity(a, "r"),
                quantity(a, "s")));
      }
      f.add(RlpEncoder.encodeList(authorizations));
    }
    f.add(type == 0 || !tx.has("yParity") ? quantity(tx, "v") : quantity(tx, "yParity"));
    f.add(quantity(tx, "r"));
    f.add(quantity(tx, "s"));
    byte[] list = RlpEncoder.encodeList(f);
    byte[] encoded = type == 0 ? list : prefixed(type, list);
    Bytes32 hash = RpcHex.bytes32(tx, "hash");
    Bytes32 computed = Keccak256.hash(encoded);
    if (!computed.equals(hash)) {
      throw new IllegalArgumentException(
          "the type-"
              + type
              + " transaction rebuilt from the RPC fields hashes to "
              + computed
              + ", not to "
              + hash);
    }
    return encoded;
  }

  /**
   * The receipt as the receipt trie stores it: {@code rlp([status or root, cumulativeGasUsed,
   * logsBloom, logs])}, prefixed by the type for typed transactions.
   */
  static byte[] receipt(JsonNode receipt) {
    int type = RpcHex.quantity(receipt, "type").intValueExact();
    if (type > 4) {
      throw new IllegalArgumentException("type: receipt type " + type + " is not one of 0-4");
    }
    List<byte[]> f = new ArrayList<>(4);
    JsonNode root = receipt.get("root");
    if (root != null && !root.isNull() && !receipt.hasNonNull("status")) {
      f.add(bytes(receipt, "root", 32));
    } else {
      BigInteger status = RpcHex.quantity(receipt, "status");
      if (status.compareTo(BigInteger.ONE) > 0) {
        throw new IllegalArgumentException(
            "status: must be 0x0 or 0x1, got 0x" + status.toString(16));
      }
      f.add(RlpEncoder.encodeBigInteger(status));
    }
    f.add(quantity(receipt, "cumulativeGasUsed"));
    f.add(bytes(receipt, "logsBloom", 256));
    List<byte[]> logs = new ArrayList<>();
    int i = 0;
    for (JsonNode log : array(receipt, "logs")) {
      String where = "logs[" + i++ + "]";
      List<byte[]> topics = new ArrayList<>();
      for (JsonNode topic : array(log, "topics")) {
        topics.add(RlpEncoder.encodeBytes(RpcHex.data(topic.asText(), where + ".topics[]")));
      }
      logs.add(
          RlpEncoder.encodeList(
              RlpEncoder.encodeBytes(RpcHex.data(log, "address", 20)),
              RlpEncoder.encodeList(topics),
              RlpEncoder.encodeBytes(RpcHex.data(log, "data"))));
    }
    f.add(RlpEncoder.encodeList(logs));
    byte[] list = RlpEncoder.encodeList(f);
    return type == 0 ? list : prefixed(type, list);
  }

  private static byte[] accessList(JsonNode tx) {
    List<byte[]> entries = new ArrayList<>();
    for (JsonNode entry : array(tx, "accessList")) {
      List<byte[]> keys = new ArrayList<>();
      for (JsonNode key : array(entry, "storageKeys")) {
        keys.add(RlpEncoder.encodeBytes(RpcHex.data(key.asText(), "accessList[].storageKeys[]")));
      }
      entries.add(
          RlpEncoder.encodeList(
              RlpEncoder.encodeBytes(RpcHex.data(entry, "address", 20)),
              RlpEncoder.encodeList(keys)));
    }
    return RlpEncoder.encodeList(entries);
  }

  private static byte[] prefixed(int type, byte[] list) {
    byte[] out = new byte[list.length + 1];
    out[0] = (byte) type;
    System.arraycopy(list, 0, out, 1, list.length);
    return out;
  }

  private static JsonNode array(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(field + ": missing or not an array");
    }
    return node;
  }

  private static byte[] bytes(JsonNode parent, String field, int length) {
    return RlpEncoder.encodeBytes(RpcHex.data(parent, field, length));
  }

  private static byte[] quantity(JsonNode parent, String field) {
    return RlpEncoder.encodeBigInteger(RpcHex.quantity(parent, field));
  }
}
