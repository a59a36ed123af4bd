package dev.hdp.preprocess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.HeadersAccumulator;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.fixtures.devchain.AnvilProcess;
import dev.hdp.preprocess.PreprocessResult;
import dev.hdp.preprocess.Preprocessor;
import dev.hdp.preprocess.ProgressListener;
import dev.hdp.preprocess.rpc.JsonRpcClient;
import dev.hdp.preprocess.rpc.RpcHex;
import dev.hdp.preprocess.source.rpc.AccumulatorIndex;
import dev.hdp.preprocess.source.rpc.RpcChainDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;

/**
 * Online preprocessing against the node's own speed, in one run: on a chain with at least 1,000
 * blocks appended to a {@code HeadersAccumulator}, it times (a) a lean batched client making
 * exactly the {@code eth_getProof} calls of a 1,000-block account task (JDK HttpClient, JSON
 * batches of 50, answers parsed, nothing else), and (b) our full preprocessing of that task
 * (headers and proofs fetched in batches, every header checked against its hash and the accumulator
 * MMR, every account proof verified, aggregated, batch file and Cairo input written). The target is
 * (b) ≤ 1.25 × (a).
 *
 * <p>Arguments: {@code --rpc URL} to use a running node (its first account must be unlocked and it
 * must keep state for the sampled blocks), else Anvil is started from {@code --tools DIR} (default:
 * system property {@code hdp.tools.dir}, else {@code tools}) with {@code --prune-history}; {@code
 * --blocks N} (default 1000), {@code --rounds N} measured rounds (default 5).
 */
public final class OnlineBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 50;

  private OnlineBench() {}

  public static void main(String[] args) throws Exception {
    run(System.out, args);
  }

  /** Runs with the default arguments. */
  public static void run(PrintStream out) throws Exception {
    run(out, new String[0]);
  }

  /** Runs with command-line arguments, printing the table to {@code out}. */
  public static void run(PrintStream out, String... args) throws Exception {
    String rpcUrl = null;
    Path tools = Path.of(System.getProperty("hdp.tools.dir", "tools"));
    int blocks = 1000;
    int rounds = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rpc" -> rpcUrl = args[++i];
        case "--tools" -> tools = Path.of(args[++i]);
        case "--blocks" -> blocks = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (rpcUrl != null) {
      bench(out, rpcUrl, blocks, rounds, "node at " + rpcUrl);
    } else {
      // History for the sampled blocks plus the appends and transfers mined after them.
      try (AnvilProcess anvil =
          AnvilProcess.start(new AnvilProcess.Options(blocks + 500, 10, 0), tools)) {
        bench(
            out,
            anvil.rpcUrl(),
            blocks,
            rounds,
            "Anvil (pinned, --prune-history " + (blocks + 500) + ")");
      }
    }
  }

  private static void bench(PrintStream out, String rpcUrl, int blocks, int rounds, String node)
      throws Exception {
    Path work = Files.createTempDirectory("online-bench");
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try (JsonRpcClient setup = new JsonRpcClient(URI.create(rpcUrl))) {
      Chain chain = buildHistory(web3j, setup, blocks);
      long chainId =
          RpcHex.quantity(setup.call("eth_chainId").asText(), "eth_chainId").longValueExact();
      long first = chain.firstBlock();
      long last = first + blocks - 1;
      String query =
          "{\"destinationChainId\": "
              + chainId
              + ", \"tasks\": [{\"type\": \"DatalakeCompute\","
              + " \"datalake\": {\"type\": \"BlockSampled\", \"chainId\": "
              + chainId
              + ", \"blockRangeStart\": "
              + first
              + ", \"blockRangeEnd\": "
              + last
              + ", \"increment\": 1, \"sampledProperty\": \"account."
              + chain.account()
              + ".balance\"}, \"compute\": {\"aggregateFnId\": \"avg\"}}]}";
      SubmitBatchQuery request = SubmitBatchQuery.parse(query);
      Path indexFile = work.resolve("accumulator.idx");
      new AccumulatorIndex(setup, Address.fromHex(chain.accumulator()), 1, indexFile).sync();
      List<String> bodies = leanBatches(chain.account(), first, last);

      // Both clients live across rounds, as a node keeps one per endpoint.
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      JsonRpcClient client = new JsonRpcClient(URI.create(rpcUrl));
      URI uri = URI.create(rpcUrl);
      long[] leanSerial = new long[rounds];
      long[] leanPaired = new long[rounds];
      long[] ours = new long[rounds];
      long[][] cpu = new long[3][rounds];
      String result = "";
      for (int warmup = 0; warmup < 2; warmup++) {
        lean(http, uri, bodies, 1);
        lean(http, uri, bodies, 2);
        result = preprocess(client, chain, indexFile, request);
      }
      for (int r = 0; r < rounds; r++) {
        long c0 = cpuNanos();
        leanSerial[r] = lean(http, uri, bodies, 1);
        long c1 = cpuNanos();
        leanPaired[r] = lean(http, uri, bodies, 2);
        long c2 = cpuNanos();
        long t0 = System.nanoTime();
        preprocess(client, chain, indexFile, request);
        ours[r] = System.nanoTime() - t0;
        long c3 = cpuNanos();
        cpu[0][r] = c1 - c0;
        cpu[1][r] = c2 - c1;
        cpu[2][r] = c3 - c2;
      }
      long serial = median(leanSerial);
      long paired = median(leanPaired);
      long best = Math.min(serial, paired);
      long mine = median(ours);
      out.printf(
          "OnlineBench: a %,d-block account task (balance of %s, blocks %d–%d) on %s%n",
          blocks, chain.account(), first, last, node);
      out.printf(
          "%-78s | %9s | %9s | %9s | %11s%n",
          "measurement (" + rounds + " rounds after 2 warm-ups)",
          "median ms",
          "min ms",
          "calls/s",
          "JVM CPU ms");
      out.println(
          "-".repeat(78)
              + "-|-"
              + "-".repeat(9)
              + "-|-"
              + "-".repeat(9)
              + "-|-"
              + "-".repeat(9)
              + "-|-"
              + "-".repeat(11));
      row(
          out,
          "(a) lean client: " + blocks + " eth_getProof, batches of " + BATCH + ", 1 in flight",
          leanSerial,
          cpu[0],
          blocks);
      row(
          out,
          "(a) lean client: " + blocks + " eth_getProof, batches of " + BATCH + ", 2 in flight",
          leanPaired,
          cpu[1],
          blocks);
      row(
          out,
          "(b) hdp: fetch " + blocks + " headers + proofs, verify, aggregate, write outputs",
          ours,
          cpu[2],
          blocks);
      out.printf(
          "machine: %d cores, load average %.1f (both sides slow down when other work"
              + " competes for the cores; (b) has more client CPU to lose)%n",
          Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      out.printf(
          "ratio (b) / best (a), medians: %.2f (target <= 1.25); result %s%n",
          (double) mine / best, result);
      client.close();
    } finally {
      web3j.shutdown();
    }
  }

  private static void row(PrintStream out, String label, long[] nanos, long[] cpu, int calls) {
    long median = median(nanos);
    out.printf(
        "%-78s | %9.1f | %9.1f | %,9.0f | %11.1f%n",
        label,
        median / 1e6,
        Arrays.stream(nanos).min().orElseThrow() / 1e6,
        calls / (median / 1e9),
        median(cpu) / 1e6);
  }

  /** CPU time of this JVM (all threads, JIT and GC included). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** One batch as the node would run it: a fresh index view, source and preprocessor. */
  private static String preprocess(
      JsonRpcClient rpc, Chain chain, Path indexFile, SubmitBatchQuery request) {
    AccumulatorIndex index =
        new AccumulatorIndex(rpc, Address.fromHex(chain.accumulator()), 1, indexFile);
    index.sync();
    RpcChainDataSource source = new RpcChainDataSource(rpc, index);
    PreprocessResult result = new Preprocessor(source, ProgressListener.NONE).process(request);
    return result.batch().rawResults().get(0).toString();
  }

  // ------------------------------------------------------------------ the lean client

  private static List<String> leanBatches(String account, long first, long last) {
    List<String> bodies = new ArrayList<>();
    StringBuilder body = new StringBuilder("[");
    int inBatch = 0;
    for (long b = first; b <= last; b++) {
      if (inBatch > 0) {
        body.append(',');
      }
      body.append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(inBatch)
          .append(",\"method\":\"eth_getProof\",\"params\":[\"")
          .append(account)
          .append("\",[],\"0x")
          .append(Long.toHexString(b))
          .append("\"]}");
      if (++inBatch == BATCH || b == last) {
        bodies.add(body.append(']').toString());
        body = new StringBuilder("[");
        inBatch = 0;
      }
    }
    return bodies;
  }

  /** Sends the batches with at most {@code inFlight} on the wire, parses every answer; nanos. */
  private static long lean(HttpClient http, URI uri, List<String> bodies, int inFlight)
      throws Exception {
    Semaphore permits = new Semaphore(inFlight);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String body : bodies) {
      permits.acquire();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      done.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
              .thenAccept(
                  response -> {
                    try {
                      JsonNode answers = JSON.readTree(response.body());
                      for (JsonNode answer : answers) {
                        if (!answer.has("result") || !answer.get("result").has("accountProof")) {
                          throw new IllegalStateException("eth_getProof failed: " + answer);
                        }
                      }
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    } finally {
                      permits.release();
                    }
                  }));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    return System.nanoTime() - t0;
  }

  // ------------------------------------------------------------------ the chain

  private record Chain(String accumulator, long firstBlock, String account) {}

  /**
   * Deploys a HeadersAccumulator, then mines {@code blocks} blocks (a transfer to the sampled
   * account every 20 blocks, so that its balance changes) and appends them to MMR 1 from
   * blockhash() in steps of at most 200.
   */
  private static Chain buildHistory(Web3j web3j, JsonRpcClient rpc, int blocks) throws Exception {
    List<String> accounts = web3j.ethAccounts().send().getAccounts();
    String from = accounts.get(0);
    String account = accounts.get(1).toLowerCase();
    TransactionManager tm = Deployer.unlockedAccount(web3j, from);
    HeadersAccumulator accumulator =
        HeadersAccumulator.deploy(web3j, tm, Deployer.gasProvider(web3j)).send();
    long first = latest(rpc);
    accumulator.createMmr(BigInteger.valueOf(first)).send();
    long appended = 0;
    long transfers = 0;
    while (appended < blocks) {
      long next = first + appended;
      long want = Math.min(200, blocks - appended);
      while (latest(rpc) < next + want - 1) {
        long gap = next + want - 1 - latest(rpc);
        if (transfers++ % 2 == 0) {
          rpc.call(
              "eth_sendTransaction",
              Map.of(
                  "from",
                  from,
                  "to",
                  account,
                  "value",
                  "0x" + Long.toHexString(1_000_000_007L * transfers)));
        }
        rpc.call("anvil_mine", "0x" + Long.toHexString(Math.max(1, Math.min(gap, 19))));
      }
      long count = Math.min(latest(rpc) - next + 1, 250);
      accumulator.appendFromBlockhash(BigInteger.ONE, BigInteger.valueOf(count)).send();
      appended += count;
    }
    return new Chain(accumulator.getContractAddress(), first, account);
  }

  private static long latest(JsonRpcClient rpc) {
    return RpcHex.quantity(rpc.call("eth_blockNumber").asText(), "eth_blockNumber")
        .longValueExact();
  }
}
