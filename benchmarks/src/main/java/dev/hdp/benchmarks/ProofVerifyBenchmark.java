package dev.hdp.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.Account;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.chain.ChainProofs;
import dev.hdp.core.rlp.RlpDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keccak Merkle-Patricia proof verification per second, single-threaded, on the real proofs of the
 * shared {@code hdp-sepolia/*} fixtures (as {@code ./hdp bench verify}, which reports per
 * CPU-second next to the Keccak-only bound): account proofs against state roots, storage proofs
 * against storage roots and transaction proofs against transactions roots, each including the key
 * hash and the decoding of the proven value. Each invocation verifies the next proof of the list.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ProofVerifyBenchmark {
  private record AccountCase(Bytes32 stateRoot, Address address, List<byte[]> nodes) {}

  private record StorageCase(Bytes32 storageRoot, Bytes32 slot, List<byte[]> nodes) {}

  private record TransactionCase(Bytes32 transactionsRoot, long index, List<byte[]> nodes) {}

  private AccountCase[] accounts;
  private StorageCase[] storages;
  private TransactionCase[] transactions;
  private int nextAccount;
  private int nextStorage;
  private int nextTransaction;

  /** Reads every {@code chain-data.json} and checks that each of its proofs verifies. */
  @Setup(Level.Trial)
  public void load() throws IOException {
    Path root = BenchmarkFixtures.path("hdp-sepolia");
    List<AccountCase> accountCases = new ArrayList<>();
    List<StorageCase> storageCases = new ArrayList<>();
    List<TransactionCase> transactionCases = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> folders = Files.list(root)) {
      files =
          folders
              .map(f -> f.resolve("chain-data.json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    for (Path file : files) {
      JsonNode data = json.readTree(file.toFile());
      Map<Long, BlockHeader> headers = new HashMap<>();
      for (JsonNode h : data.get("headers")) {
        BlockHeader header = BlockHeader.decode(Hex.decode(h.get("rlp").asText()));
        headers.put(header.number(), header);
      }
      Map<String, Account> accountAt = new HashMap<>();
      for (JsonNode a : data.get("accounts")) {
        Address address = Address.fromHex(a.get("address").asText());
        for (JsonNode p : a.get("proofs")) {
          long block = p.get("block_number").asLong();
          AccountCase c =
              new AccountCase(headers.get(block).stateRoot(), address, nodes(p.get("proof")));
          accountAt.put(
              address + "@" + block,
              ChainProofs.verifyAccount(c.stateRoot, c.address, c.nodes).value().orElseThrow());
          accountCases.add(c);
        }
      }
      for (JsonNode s : data.get("storages")) {
        Address address = Address.fromHex(s.get("address").asText());
        Bytes32 slot = Bytes32.fromHex(s.get("slot").asText());
        for (JsonNode p : s.get("proofs")) {
          long block = p.get("block_number").asLong();
          StorageCase c =
              new StorageCase(
                  accountAt.get(address + "@" + block).storageRoot(), slot, nodes(p.get("proof")));
          require(ChainProofs.verifyStorage(c.storageRoot, c.slot, c.nodes).isValid(), file);
          storageCases.add(c);
        }
      }
      for (JsonNode t : data.get("transactions")) {
        TransactionCase c =
            new TransactionCase(
                headers.get(t.get("block_number").asLong()).transactionsRoot(),
                RlpDecoder.decode(Hex.decode(t.get("key").asText())).asString().asLong(),
                nodes(t.get("proof")));
        require(
            ChainProofs.verifyTransaction(c.transactionsRoot, c.index, c.nodes).value().isPresent(),
            file);
        transactionCases.add(c);
      }
    }
    accounts = nonEmpty(accountCases, root).toArray(AccountCase[]::new);
    storages = nonEmpty(storageCases, root).toArray(StorageCase[]::new);
    transactions = nonEmpty(transactionCases, root).toArray(TransactionCase[]::new);
  }

  /** One account proof: the account's RLP, proven under a state root. */
  @Benchmark
  public Object accountProof() {
    AccountCase c = accounts[nextAccount];
    nextAccount = nextAccount + 1 == accounts.length ? 0 : nextAccount + 1;
    return ChainProofs.verifyAccount(c.stateRoot, c.address, c.nodes);
  }

  /** One storage proof: a slot's value, proven under an account's storage root. */
  @Benchmark
  public Object storageProof() {
    StorageCase c = storages[nextStorage];
    nextStorage = nextStorage + 1 == storages.length ? 0 : nextStorage + 1;
    return ChainProofs.verifyStorage(c.storageRoot, c.slot, c.nodes);
  }

  /** One transaction proof: the transaction, proven under a block's transactions root. */
  @Benchmark
  public Object transactionProof() {
    TransactionCase c = transactions[nextTransaction];
    nextTransaction = nextTransaction + 1 == transactions.length ? 0 : nextTransaction + 1;
    return ChainProofs.verifyTransaction(c.transactionsRoot, c.index, c.nodes);
  }

  private static void require(boolean valid, Path file) {
    if (!valid) {
      throw new IllegalStateException("a fixture proof did not verify: " + file);
    }
  }

  private static <T> List<T> nonEmpty(List<T> cases, Path root) {
    if (cases.isEmpty()) {
      throw new IllegalStateException("no proofs found under " + root);
    }
    return cases;
  }

  private static List<byte[]> nodes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(n -> out.add(Hex.decode(n.asText())));
    return List.copyOf(out);
  }
}
