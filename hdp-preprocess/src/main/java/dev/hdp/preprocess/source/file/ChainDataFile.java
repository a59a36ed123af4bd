package dev.hdp.preprocess.source.file;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.chain.ChainProofs;
import dev.hdp.core.json.JsonFormatException;
import dev.hdp.core.json.JsonObject;
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
import java.util.List;
import java.util.Map;

/**
 * Chain data recorded in a {@code chain-data.json} file (format: the hdp-sepolia fixtures' README):
 * {@code mmr_metas}, {@code headers} ({@code rlp}, {@code proof.leaf_idx}, {@code proof.mmr_path}),
 * {@code accounts}, {@code storages}, {@code transactions} and {@code transaction_receipts}.
 *
 * <p>The file is parsed strictly (unknown keys, bad hex and missing fields are errors naming the
 * JSON path) and indexed in memory; nothing in it is trusted until the preprocessor verifies it.
 */
public final class ChainDataFile implements ChainDataSource {
  private final String origin;
  private final List<MmrMeta> mmrMetas;
  private final Map<Long, HeaderWithProof> headers = new HashMap<>();
  private final Map<String, AccountProof> accounts = new HashMap<>();
  private final Map<String, List<byte[]>> storages = new HashMap<>();
  private final Map<String, TrieProof> transactions = new HashMap<>();
  private final Map<String, TrieProof> receipts = new HashMap<>();

  private ChainDataFile(String origin, JsonObject top) {
    this.origin = origin;
    this.mmrMetas = new ArrayList<>();
    for (JsonObject meta : top.objects("mmr_metas")) {
      mmrMetas.add(
          new MmrMeta(
              meta.nonNegativeLong("id"),
              meta.nonNegativeLong("size"),
              ChainId.of(meta.nonNegativeLong("chain_id")),
              meta.get("root", JsonObject::felt),
              meta.list("peaks", JsonObject::felt)));
      meta.finish();
    }
    for (JsonObject header : top.optionalObjects("headers")) {
      byte[] rlp = header.get("rlp", JsonObject::hexBytes);
      JsonObject proof = header.object("proof");
      header.finish();
      long number = blockNumberOf(rlp, header.path("rlp"));
      headers.put(
          number,
          new HeaderWithProof(
              rlp,
              mmrFor(header.path()),
              proof.nonNegativeLong("leaf_idx"),
              proof.list("mmr_path", JsonObject::felt),
              MmrHashing.POSEIDON));
      proof.finish();
    }
    for (JsonObject account : top.optionalObjects("accounts")) {
      Address address = account.get("address", JsonObject::address);
      for (JsonObject proof : account.objects("proofs")) {
        long block = proof.nonNegativeLong("block_number");
        accounts.put(accountKey(address, block), new AccountProof(address, block, nodes(proof)));
      }
      account.finish();
    }
    for (JsonObject storage : top.optionalObjects("storages")) {
      Address address = storage.get("address", JsonObject::address);
      Bytes32 slot = storage.get("slot", JsonObject::bytes32);
      for (JsonObject proof : storage.objects("proofs")) {
        storages.put(
            storageKey(address, slot, proof.nonNegativeLong("block_number")), nodes(proof));
      }
      storage.finish();
    }
    readTrieProofs(top, "transactions", transactions);
    readTrieProofs(top, "transaction_receipts", receipts);
    top.finish();
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
      return new ChainDataFile(origin, JsonObject.parse(json));
    } catch (JsonFormatException e) {
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
      throw new JsonFormatException(
          path,
          "headers can only be matched to an MMR when the file declares exactly one (it declares "
              + mmrMetas.size()
              + ")");
    }
    return mmrMetas.get(0);
  }

  private static long blockNumberOf(byte[] rlp, String path) {
    try {
      return BlockHeader.decode(rlp).number();
    } catch (RuntimeException e) {
      throw new JsonFormatException(path, "not a block header: " + e.getMessage());
    }
  }

  private static void readTrieProofs(JsonObject top, String name, Map<String, TrieProof> into) {
    for (JsonObject item : top.optionalObjects(name)) {
      byte[] key = item.get("key", JsonObject::hexBytes);
      long block = item.nonNegativeLong("block_number");
      long index = indexOfKey(key, item.path("key"));
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
      throw new JsonFormatException(path, e.getMessage());
    }
  }

  /** The {@code proof} node list of an item; the item holds nothing else to read. */
  private static List<byte[]> nodes(JsonObject item) {
    List<byte[]> nodes = item.list("proof", JsonObject::hexBytes);
    item.finish();
    return nodes;
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
}
