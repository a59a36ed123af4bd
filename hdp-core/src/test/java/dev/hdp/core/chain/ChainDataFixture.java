package dev.hdp.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one {@code hdp-sepolia/NN/chain-data.json} (fixtures README), read with Jackson in
 * test code only: hdp-core itself does no file I/O.
 */
public record ChainDataFixture(
    String folder,
    List<MmrMeta> mmrMetas,
    List<HeaderEntry> headers,
    List<AccountEntry> accounts,
    List<StorageEntry> storages,
    List<TrieEntry> transactions,
    List<TrieEntry> receipts) {

  public record MmrMeta(long id, String root, long size, List<String> peaks, long chainId) {}

  public record HeaderEntry(byte[] rlp, long leafIdx, List<String> mmrPath) {}

  public record BlockProof(long blockNumber, List<byte[]> proof) {}

  public record AccountEntry(Address address, List<BlockProof> proofs) {}

  public record StorageEntry(Address address, Bytes32 slot, List<BlockProof> proofs) {}

  public record TrieEntry(byte[] key, long blockNumber, List<byte[]> proof) {}

  public static ChainDataFixture load(Path folder) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(folder.resolve("chain-data.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<MmrMeta> metas = new ArrayList<>();
    for (JsonNode m : root.get("mmr_metas")) {
      metas.add(
          new MmrMeta(
              m.get("id").asLong(),
              m.get("root").asText(),
              m.get("size").asLong(),
              strings(m.get("peaks")),
              m.get("chain_id").asLong()));
    }
    List<HeaderEntry> headers = new ArrayList<>();
    for (JsonNode h : root.get("headers")) {
      headers.add(
          new HeaderEntry(
              Hex.decode(h.get("rlp").asText()),
              h.get("proof").get("leaf_idx").asLong(),
              strings(h.get("proof").get("mmr_path"))));
    }
    List<AccountEntry> accounts = new ArrayList<>();
    for (JsonNode a : root.get("accounts")) {
      accounts.add(new AccountEntry(Address.fromHex(a.get("address").asText()), blockProofs(a)));
    }
    List<StorageEntry> storages = new ArrayList<>();
    for (JsonNode s : root.get("storages")) {
      storages.add(
          new StorageEntry(
              Address.fromHex(s.get("address").asText()),
              Bytes32.fromHex(s.get("slot").asText()),
              blockProofs(s)));
    }
    return new ChainDataFixture(
        folder.getFileName().toString(),
        metas,
        headers,
        accounts,
        storages,
        trieEntries(root.get("transactions")),
        trieEntries(root.get("transaction_receipts")));
  }

  private static List<BlockProof> blockProofs(JsonNode item) {
    List<BlockProof> out = new ArrayList<>();
    for (JsonNode p : item.get("proofs")) {
      out.add(new BlockProof(p.get("block_number").asLong(), nodes(p.get("proof"))));
    }
    return out;
  }

  private static List<TrieEntry> trieEntries(JsonNode array) {
    List<TrieEntry> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    for (JsonNode t : array) {
      out.add(
          new TrieEntry(
              Hex.decode(t.get("key").asText()),
              t.get("block_number").asLong(),
              nodes(t.get("proof"))));
    }
    return out;
  }

  private static List<byte[]> nodes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(Hex.decode(n.asText()));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }

  @Override
  public String toString() {
    return folder;
  }
}
