package dev.hdp.preprocess.source.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.ChainProofs;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.trie.MerklePatriciaTrie;
import dev.hdp.preprocess.rpc.JsonRpcClient;
import dev.hdp.preprocess.rpc.RpcCall;
import dev.hdp.preprocess.rpc.RpcException;
import dev.hdp.preprocess.rpc.RpcHex;
import dev.hdp.preprocess.rpc.RpcResult;
import dev.hdp.preprocess.source.AccountProof;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.ChainDataRequest;
import dev.hdp.preprocess.source.ChainDataSource;
import dev.hdp.preprocess.source.HeaderWithProof;
import dev.hdp.preprocess.source.StorageProof;
import dev.hdp.preprocess.source.TrieProof;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Chain data from an Ethereum JSON-RPC node of one chain.
 *
 * <ul>
 *   <li>Headers: {@code eth_getBlockByNumber(n, false)}; the RLP is rebuilt from the fields and
 *       must hash to the block's hash; the MMR proof comes from the {@link HeaderProofProvider}.
 *   <li>Accounts and storage: {@code eth_getProof(address, [slot], n)}.
 *   <li>Transactions and receipts: {@code eth_getBlockByNumber(n, true)} and {@code
 *       eth_getBlockReceipts(n)}; every item is re-encoded to its canonical bytes (a transaction
 *       must hash to its hash), the tries are rebuilt and their roots must equal the block's roots,
 *       then the proof of the asked index is taken from the rebuilt trie.
 * </ul>
 *
 * <p>{@link #prefetch} fetches all announced items in batched round trips and keeps the answers (or
 * each item's failure) until they are asked for; items not prefetched are fetched one by one.
 * Answers are still unverified material: the preprocessor checks every proof. Thread-safe.
 */
public final class RpcChainDataSource implements ChainDataSource {
  private final JsonRpcClient rpc;
  private final ChainId chainId;
  private final HeaderProofProvider headerProofs;

  /** What one fetch produced: a value, or the failure to report when the item is asked for. */
  private record Outcome<T>(T value, ChainDataException error) {
    T get() {
      if (error != null) {
        throw error;
      }
      return value;
    }
  }

  private record Block(
      byte[] headerRlp,
      Bytes32 receiptsRoot,
      Bytes32 transactionsRoot,
      List<byte[]> transactions) {}

  private final Map<Long, CompletableFuture<Outcome<Block>>> headers = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<Outcome<Block>>> fullBlocks = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<Outcome<List<byte[]>>>> receipts =
      new ConcurrentHashMap<>();
  private final Map<Long, Outcome<MerklePatriciaTrie>> transactionTries = new ConcurrentHashMap<>();
  private final Map<Long, Outcome<MerklePatriciaTrie>> receiptTries = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Outcome<ProofAnswer>>> proofs =
      new ConcurrentHashMap<>();

  private record ProofAnswer(AccountProof account, List<byte[]> storageNodes) {}

  /**
   * A source for the chain the node serves.
   *
   * @throws ChainDataException when the node does not answer {@code eth_chainId}
   */
  public RpcChainDataSource(JsonRpcClient rpc, HeaderProofProvider headerProofs) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.headerProofs = Objects.requireNonNull(headerProofs, "headerProofs");
    try {
      this.chainId = new ChainId(RpcHex.quantity(rpc.call("eth_chainId").asText(), "eth_chainId"));
    } catch (RpcException | IllegalArgumentException e) {
      throw new ChainDataException(
          "cannot read the chain id of " + rpc.endpoint() + ": " + e.getMessage(), e);
    }
  }

  /** The chain the node serves. */
  public ChainId chainId() {
    return chainId;
  }

  /**
   * Starts fetching every announced item in batches and returns at once: the preprocessor verifies
   * the first blocks while the node still answers for the later ones. Each item's answer (or
   * failure) waits in a future until it is asked for.
   */
  @Override
  public void prefetch(List<ChainDataRequest> requests) {
    Map<RpcCall, Consumer<RpcResult>> calls = new LinkedHashMap<>();
    TreeSet<Long> headerBlocks = new TreeSet<>();
    for (ChainDataRequest request : requests) {
      if (!request.chainId().equals(chainId)) {
        continue; // asked for later, it fails with the chain mismatch
      }
      long block = request.blockNumber();
      switch (request) {
        case ChainDataRequest.Header h -> {
          headerBlocks.add(block);
          pending(calls, headers, block, blockCall(block, false), this::block);
        }
        case ChainDataRequest.Account a ->
            pending(
                calls,
                proofs,
                proofKey(a.address(), null, block),
                proofCall(a.address(), null, block),
                j -> proofAnswer(j, a.address(), null, block));
        case ChainDataRequest.Storage s ->
            pending(
                calls,
                proofs,
                proofKey(s.address(), s.slot(), block),
                proofCall(s.address(), s.slot(), block),
                j -> proofAnswer(j, s.address(), s.slot(), block));
        case ChainDataRequest.Transaction t ->
            pending(calls, fullBlocks, block, blockCall(block, true), this::fullBlock);
        case ChainDataRequest.Receipt r -> {
          pending(calls, fullBlocks, block, blockCall(block, true), this::fullBlock);
          pending(calls, receipts, block, receiptsCall(block), this::receiptList);
        }
      }
    }
    if (!headerBlocks.isEmpty()) {
      headerProofs.prefetch(chainId, headerBlocks.stream().mapToLong(Long::longValue).toArray());
    }
    if (!calls.isEmpty()) {
      rpc.callAllAsync(
              new ArrayList<>(calls.keySet()), result -> calls.get(result.call()).accept(result))
          .whenComplete(
              (done, error) -> {
                if (error != null) {
                  // Never leave an item waiting: those not delivered fail with the reason.
                  for (Map.Entry<RpcCall, Consumer<RpcResult>> call : calls.entrySet()) {
                    RpcResult failure =
                        new RpcResult.Failure(
                            call.getKey(),
                            RpcException.malformed(
                                call.getKey(), "prefetch failed: " + error, error));
                    call.getValue().accept(failure);
                  }
                }
              });
    }
  }

  /** Registers a future for an item not yet cached, and the call that will complete it. */
  private static <K, T> void pending(
      Map<RpcCall, Consumer<RpcResult>> calls,
      Map<K, CompletableFuture<Outcome<T>>> cache,
      K key,
      RpcCall call,
      Function<JsonNode, T> convert) {
    CompletableFuture<Outcome<T>> future = new CompletableFuture<>();
    if (cache.putIfAbsent(key, future) == null) {
      calls.put(call, result -> future.complete(convert(result, convert)));
    }
  }

  @Override
  public HeaderWithProof header(ChainId chainId, long blockNumber) {
    requireChain(chainId);
    Block block = fetch(headers, blockNumber, blockCall(blockNumber, false), this::block);
    return headerProofs.prove(chainId, blockNumber, block.headerRlp());
  }

  @Override
  public AccountProof account(ChainId chainId, long blockNumber, Address address) {
    requireChain(chainId);
    return fetch(
            proofs,
            proofKey(address, null, blockNumber),
            proofCall(address, null, blockNumber),
            j -> proofAnswer(j, address, null, blockNumber))
        .account();
  }

  @Override
  public StorageProof storage(ChainId chainId, long blockNumber, Address address, Bytes32 slot) {
    requireChain(chainId);
    ProofAnswer answer =
        fetch(
            proofs,
            proofKey(address, slot, blockNumber),
            proofCall(address, slot, blockNumber),
            j -> proofAnswer(j, address, slot, blockNumber));
    return new StorageProof(address, slot, blockNumber, answer.account(), answer.storageNodes());
  }

  @Override
  public TrieProof transaction(ChainId chainId, long blockNumber, long index) {
    requireChain(chainId);
    MerklePatriciaTrie trie =
        transactionTries
            .computeIfAbsent(
                blockNumber,
                n ->
                    outcome(
                        () -> {
                          Block block = fetch(fullBlocks, n, blockCall(n, true), this::fullBlock);
                          return trie(
                              block.transactions(), block.transactionsRoot(), "transactions", n);
                        }))
            .get();
    return proofIn(trie, "transaction", blockNumber, index);
  }

  @Override
  public TrieProof receipt(ChainId chainId, long blockNumber, long index) {
    requireChain(chainId);
    MerklePatriciaTrie trie =
        receiptTries
            .computeIfAbsent(
                blockNumber,
                n ->
                    outcome(
                        () -> {
                          Block block = fetch(fullBlocks, n, blockCall(n, true), this::fullBlock);
                          List<byte[]> items =
                              fetch(receipts, n, receiptsCall(n), this::receiptList);
                          if (items.size() != block.transactions().size()) {
                            throw new ChainDataException(
                                "block "
                                    + n
                                    + " has "
                                    + block.transactions().size()
                                    + " transactions but "
                                    + items.size()
                                    + " receipts");
                          }
                          return trie(items, block.receiptsRoot(), "receipts", n);
                        }))
            .get();
    return proofIn(trie, "receipt", blockNumber, index);
  }

  private static TrieProof proofIn(MerklePatriciaTrie trie, String what, long block, long index) {
    if (index >= trie.size()) {
      throw new ChainDataException(
          "block " + block + " has " + trie.size() + " " + what + "s; there is no index " + index);
    }
    return new TrieProof(block, index, trie.proof(ChainProofs.indexKey(index)));
  }

  private static MerklePatriciaTrie trie(
      List<byte[]> items, Bytes32 expectedRoot, String what, long block) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < items.size(); i++) {
      trie.put(ChainProofs.indexKey(i), items.get(i));
    }
    Bytes32 root = trie.rootHash();
    if (!root.equals(expectedRoot)) {
      throw new ChainDataException(
          "block "
              + block
              + ": the "
              + what
              + " trie rebuilt from the node's "
              + items.size()
              + " "
              + what
              + " has root "
              + root
              + ", but the block's root is "
              + expectedRoot);
    }
    return trie;
  }

  // ------------------------------------------------------------------ calls and answers

  private static RpcCall blockCall(long block, boolean full) {
    return RpcCall.of("eth_getBlockByNumber", RpcHex.quantity(block), full);
  }

  private static RpcCall receiptsCall(long block) {
    return RpcCall.of("eth_getBlockReceipts", RpcHex.quantity(block));
  }

  private static RpcCall proofCall(Address address, Bytes32 slot, long block) {
    // eth_getProof wants full 32-byte storage keys (Anvil rejects 0x0 with -32602).
    List<Object> slots = slot == null ? List.of() : List.of(slot.toHex());
    return RpcCall.of("eth_getProof", address.toHex(), slots, RpcHex.quantity(block));
  }

  private static String proofKey(Address address, Bytes32 slot, long block) {
    return address.toHex() + "/" + (slot == null ? "-" : slot.toHex()) + "@" + block;
  }

  private Block block(JsonNode json) {
    requireObject(json);
    return new Block(
        RpcEncoding.headerRlp(json),
        RpcHex.bytes32(json, "receiptsRoot"),
        RpcHex.bytes32(json, "transactionsRoot"),
        List.of());
  }

  private Block fullBlock(JsonNode json) {
    requireObject(json);
    JsonNode txs = json.get("transactions");
    if (txs == null || !txs.isArray()) {
      throw new IllegalArgumentException("transactions: missing or not an array");
    }
    List<byte[]> encoded = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      JsonNode tx = txs.get(i);
      if (!tx.isObject()) {
        throw new IllegalArgumentException(
            "transactions[" + i + "]: not a transaction object (asked for full transactions)");
      }
      try {
        encoded.add(RpcEncoding.transaction(tx));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new IllegalArgumentException("transactions[" + i + "]." + e.getMessage(), e);
      }
    }
    Block header = block(json);
    return new Block(header.headerRlp(), header.receiptsRoot(), header.transactionsRoot(), encoded);
  }

  private List<byte[]> receiptList(JsonNode json) {
    if (json == null || !json.isArray()) {
      throw new IllegalArgumentException("not an array of receipts (unknown block?): " + json);
    }
    List<byte[]> encoded = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      JsonNode receipt = json.get(i);
      try {
        long index = RpcHex.quantityLong(receipt, "transactionIndex");
        if (index != i) {
          throw new IllegalArgumentException("transactionIndex: " + index + " at position " + i);
        }
        encoded.add(RpcEncoding.receipt(receipt));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new IllegalArgumentException("[" + i + "]." + e.getMessage(), e);
      }
    }
    return encoded;
  }

  private static ProofAnswer proofAnswer(JsonNode json, Address address, Bytes32 slot, long block) {
    requireObject(json);
    Address answered = RpcHex.address(json, "address");
    if (!answered.equals(address)) {
      throw new IllegalArgumentException("address: the proof is for " + answered);
    }
    AccountProof account = new AccountProof(address, block, nodes(json, "accountProof"));
    if (slot == null) {
      return new ProofAnswer(account, List.of());
    }
    JsonNode storage = json.get("storageProof");
    if (storage == null || !storage.isArray() || storage.size() != 1) {
      throw new IllegalArgumentException("storageProof: expected one entry, got " + storage);
    }
    JsonNode entry = storage.get(0);
    String key = RpcHex.text(entry, "key");
    BigInteger keyValue;
    try {
      keyValue =
          key.startsWith("0x") && key.length() > 2 ? new BigInteger(key.substring(2), 16) : null;
    } catch (NumberFormatException e) {
      keyValue = null;
    }
    if (keyValue == null || !keyValue.equals(slot.toBigInteger())) {
      throw new IllegalArgumentException(
          "storageProof[0].key: " + Hex.abbreviate(key) + " is not the slot asked for");
    }
    return new ProofAnswer(account, nodes(entry, "proof"));
  }

  private static List<byte[]> nodes(JsonNode parent, String field) {
    JsonNode array = parent.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(field + ": missing or not an array");
    }
    List<byte[]> nodes = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      if (!node.isTextual()) {
        throw new IllegalArgumentException(field + "[" + i + "]: not a string");
      }
      nodes.add(RpcHex.data(node.asText(), field + "[" + i + "]"));
    }
    return nodes;
  }

  private static void requireObject(JsonNode json) {
    if (json == null || json.isNull()) {
      throw new IllegalArgumentException("the node answered null (unknown block, or state pruned)");
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
  }

  // ------------------------------------------------------------------ caching

  private static <T> Outcome<T> convert(RpcResult result, Function<JsonNode, T> convert) {
    return switch (result) {
      case RpcResult.Failure f ->
          new Outcome<>(null, new ChainDataException(f.error().getMessage(), f.error()));
      case RpcResult.Success s -> {
        try {
          yield new Outcome<>(convert.apply(s.result()), null);
        } catch (RuntimeException e) {
          // Malformed answers (IllegalArgumentException, ArithmeticException), failed checks
          // (ChainDataException), and anything unexpected: the item fails, the future completes.
          yield new Outcome<>(
              null, new ChainDataException(s.call().describe() + ": " + e.getMessage(), e));
        }
      }
    };
  }

  /** The cached or prefetched item (waiting for its batch), or fetches it alone. */
  private <K, T> T fetch(
      Map<K, CompletableFuture<Outcome<T>>> cache,
      K key,
      RpcCall call,
      Function<JsonNode, T> convert) {
    CompletableFuture<Outcome<T>> future = new CompletableFuture<>();
    CompletableFuture<Outcome<T>> known = cache.putIfAbsent(key, future);
    if (known == null) {
      future.complete(convert(rpc.callAll(List.of(call)).get(0), convert));
      known = future;
    }
    return known.join().get();
  }

  private static <T> Outcome<T> outcome(java.util.function.Supplier<T> compute) {
    try {
      return new Outcome<>(compute.get(), null);
    } catch (ChainDataException e) {
      return new Outcome<>(null, e);
    }
  }

  private void requireChain(ChainId asked) {
    if (!asked.equals(chainId)) {
      throw new ChainDataException(
          "the node at " + rpc.endpoint() + " serves chain " + chainId + ", not " + asked);
    }
  }
}
