package dev.hdp.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.Account;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.chain.ChainProofs;
import dev.hdp.core.mmr.Mmr;
import dev.hdp.core.mmr.MmrPeaks;
import dev.hdp.core.mmr.PoseidonMmr;
import dev.hdp.core.rlp.RlpDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Single-threaded verification throughput on the real proofs of {@code hdp-sepolia/*}: account
 * proofs against state roots, storage proofs against storage roots, transaction proofs against
 * transactions roots (each including the key hash and the decoding of the proven value), and header
 * MMR proofs. Next to each rate: the bound set by Keccak alone, i.e. Bouncy Castle hashing the same
 * proof nodes and nothing else, measured on the same machine.
 *
 * <p>Usage: {@code VerifyBench <fixtures dir> [seconds per row] [rows]}, where the fixtures dir
 * holds {@code hdp-sepolia/} (or is it) and rows is a comma list of account, storage, transaction,
 * header (default all).
 */
public final class VerifyBench {
  private VerifyBench() {}

  /** A proof to check, already decoded from hex, and what it is checked against. */
  private interface Case {
    /** Verifies; returns something that depends on the result so that the JIT cannot drop it. */
    int verify();

    List<byte[]> nodes();
  }

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: VerifyBench <fixtures dir> [seconds per row] [rows: account,storage,transaction,header]");
      System.exit(2);
    }
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
    Set<String> only = args.length > 2 ? Set.of(args[2].split(",")) : Set.of();
    run(System.out, Path.of(args[0]), seconds, only);
  }

  /** All rows, 3 seconds each, on the fixtures under {@code fixturesDir}. */
  public static void run(PrintStream out, Path fixturesDir) throws IOException {
    run(out, fixturesDir, 3.0, Set.of());
  }

  /**
   * Loads the fixtures under {@code fixturesDir} and prints the table to {@code out}; {@code only}
   * names the rows to run (account, storage, transaction, header), empty for all.
   */
  public static void run(PrintStream out, Path fixturesDir, double seconds, Set<String> only)
      throws IOException {
    Path root =
        Files.isDirectory(fixturesDir.resolve("hdp-sepolia"))
            ? fixturesDir.resolve("hdp-sepolia")
            : fixturesDir;
    List<Case> accounts = new ArrayList<>();
    List<Case> storages = new ArrayList<>();
    List<Case> transactions = new ArrayList<>();
    List<Case> headers = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    List<Path> folders;
    try (Stream<Path> list = Files.list(root)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    for (Path folder : folders) {
      Path file = folder.resolve("chain-data.json");
      if (Files.exists(file)) {
        load(json.readTree(file.toFile()), accounts, storages, transactions, headers);
      }
    }
    out.printf(
        Locale.ROOT,
        "VerifyBench: %d folders, single thread, %.1f s per row, rates per CPU-second, Java %s%n",
        folders.size(),
        seconds,
        Runtime.version());
    out.printf(
        Locale.ROOT,
        "%-12s %7s %7s %9s %14s %14s %7s%n",
        "proof",
        "count",
        "nodes",
        "bytes",
        "keccak bound/s",
        "verified/s",
        "ratio");
    if (only.isEmpty() || only.contains("account")) {
      row(out, "account", accounts, seconds);
    }
    if (only.isEmpty() || only.contains("storage")) {
      row(out, "storage", storages, seconds);
    }
    if (only.isEmpty() || only.contains("transaction")) {
      row(out, "transaction", transactions, seconds);
    }
    if (only.isEmpty() || only.contains("header")) {
      row(out, "header MMR", headers, seconds);
    }
  }

  private static void row(PrintStream out, String name, List<Case> cases, double seconds) {
    if (cases.isEmpty()) {
      out.printf(Locale.ROOT, "%-12s %7d%n", name, 0);
      return;
    }
    long bytes = 0;
    long nodes = 0;
    for (Case c : cases) {
      nodes += c.nodes().size();
      for (byte[] n : c.nodes()) {
        bytes += n.length;
      }
    }
    // The machine may be shared: alternate short slices of the bound and of the verification so
    // that both see the same background load, and sum each side.
    loop(cases, seconds / 4, VerifyBench::keccakOnly); // warm-up
    loop(cases, seconds / 4, Case::verify);
    double[] bound = new double[2];
    double[] verified = new double[2];
    int slices = 20;
    for (int i = 0; i < slices; i++) {
      add(bound, loop(cases, seconds / slices, VerifyBench::keccakOnly));
      add(verified, loop(cases, seconds / slices, Case::verify));
    }
    double boundRate = bound[0] / bound[1];
    double verifiedRate = verified[0] / verified[1];
    out.printf(
        Locale.ROOT,
        "%-12s %7d %7.1f %9.0f %14.0f %14.0f %6.0f%%%n",
        name,
        cases.size(),
        (double) nodes / cases.size(),
        (double) bytes / cases.size(),
        boundRate,
        verifiedRate,
        100 * verifiedRate / boundRate);
  }

  private static final KeccakDigest DIGEST = new KeccakDigest(256);
  private static final byte[] OUT = new byte[32];

  /** What verification cannot avoid: hashing every node once. */
  private static int keccakOnly(Case c) {
    int acc = 0;
    for (byte[] node : c.nodes()) {
      DIGEST.update(node, 0, node.length);
      DIGEST.doFinal(OUT, 0);
      acc += OUT[0];
    }
    return acc;
  }

  private interface Work {
    int apply(Case c);
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static int sink;

  private static void add(double[] total, double[] slice) {
    total[0] += slice[0];
    total[1] += slice[1];
  }

  /**
   * Runs whole passes over the cases for about {@code seconds} of wall time: {proofs done, CPU
   * seconds this thread used}. CPU time keeps the figures per core even when other processes share
   * the machine.
   */
  private static double[] loop(List<Case> cases, double seconds, Work work) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long done = 0;
    int acc = 0;
    do {
      for (Case c : cases) {
        acc += work.apply(c);
      }
      done += cases.size();
    } while (System.nanoTime() < deadline);
    sink += acc;
    return new double[] {done, (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9};
  }

  private static void load(
      JsonNode data,
      List<Case> accounts,
      List<Case> storages,
      List<Case> transactions,
      List<Case> headerCases) {
    Map<Long, BlockHeader> headers = new HashMap<>();
    JsonNode meta = data.get("mmr_metas").get(0);
    List<Felt252> peaks = felts(meta.get("peaks"));
    long size = meta.get("size").asLong();
    Felt252 mmrRoot = Felt252.fromHex(meta.get("root").asText());
    // As a preprocessor does: the peaks are checked against the root once per MMR state.
    MmrPeaks<Felt252> checkedPeaks =
        Mmr.checkPeaks(PoseidonMmr.HASHER, size, peaks, mmrRoot).value();
    for (JsonNode h : data.get("headers")) {
      byte[] rlp = Hex.decode(h.get("rlp").asText());
      BlockHeader header = BlockHeader.decode(rlp);
      headers.put(header.number(), header);
      long leaf = h.get("proof").get("leaf_idx").asLong();
      List<Felt252> path = felts(h.get("proof").get("mmr_path"));
      headerCases.add(
          new Case() {
            @Override
            public int verify() {
              return require(PoseidonMmr.verifyHeader(rlp, leaf, path, checkedPeaks).isValid());
            }

            @Override
            public List<byte[]> nodes() {
              return List.of(rlp);
            }
          });
    }
    Map<String, Account> accountAt = new HashMap<>();
    for (JsonNode a : data.get("accounts")) {
      Address address = Address.fromHex(a.get("address").asText());
      for (JsonNode p : a.get("proofs")) {
        long block = p.get("block_number").asLong();
        List<byte[]> nodes = nodes(p.get("proof"));
        Bytes32 stateRoot = headers.get(block).stateRoot();
        accountAt.put(
            address + "@" + block,
            ChainProofs.verifyAccount(stateRoot, address, nodes).value().orElseThrow());
        accounts.add(
            new Case() {
              @Override
              public int verify() {
                return require(
                    ChainProofs.verifyAccount(stateRoot, address, nodes).value().isPresent());
              }

              @Override
              public List<byte[]> nodes() {
                return nodes;
              }
            });
      }
    }
    for (JsonNode s : data.get("storages")) {
      Address address = Address.fromHex(s.get("address").asText());
      Bytes32 slot = Bytes32.fromHex(s.get("slot").asText());
      for (JsonNode p : s.get("proofs")) {
        long block = p.get("block_number").asLong();
        List<byte[]> nodes = nodes(p.get("proof"));
        Bytes32 storageRoot = accountAt.get(address + "@" + block).storageRoot();
        storages.add(
            new Case() {
              @Override
              public int verify() {
                return require(ChainProofs.verifyStorage(storageRoot, slot, nodes).isValid());
              }

              @Override
              public List<byte[]> nodes() {
                return nodes;
              }
            });
      }
    }
    for (JsonNode t : data.get("transactions")) {
      long index = RlpDecoder.decode(Hex.decode(t.get("key").asText())).asString().asLong();
      List<byte[]> nodes = nodes(t.get("proof"));
      Bytes32 txRoot = headers.get(t.get("block_number").asLong()).transactionsRoot();
      transactions.add(
          new Case() {
            @Override
            public int verify() {
              return require(
                  ChainProofs.verifyTransaction(txRoot, index, nodes).value().isPresent());
            }

            @Override
            public List<byte[]> nodes() {
              return nodes;
            }
          });
    }
  }

  private static int require(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("a fixture proof did not verify");
    }
    return 1;
  }

  private static List<byte[]> nodes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(n -> out.add(Hex.decode(n.asText())));
    return List.copyOf(out);
  }

  private static List<Felt252> felts(JsonNode array) {
    List<Felt252> out = new ArrayList<>();
    array.forEach(n -> out.add(Felt252.fromHex(n.asText())));
    return List.copyOf(out);
  }
}
