package dev.hdp.watcher.bench;

import dev.hdp.watcher.node.Node;
import dev.hdp.watcher.node.NodeConfig;
import dev.hdp.watcher.schedule.StageHandler;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.schedule.StageOutcome;
import dev.hdp.watcher.server.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Sustained accepted POSTs per second over loopback: N concurrent clients (the JDK's HttpClient,
 * one connection each, HTTP/1.1) post a two-task {@code SubmitBatchQuery} to {@code POST
 * /v1/batches} for a fixed time against a node with an H2 store in a temporary folder. Every answer
 * must be a 202; each accepted batch is stored, logged and gets its first Quartz job, as in
 * production. The stage handlers pause at once, so the figure is the intake alone.
 */
public final class ServerBench {
  private static final Duration WARM_UP = Duration.ofSeconds(3);
  private static final Duration MEASURE = Duration.ofSeconds(8);
  private static final int[] CLIENTS = {1, 4, 16, 64};

  static final String BODY =
      """
      {"destinationChainId": "ETHEREUM_SEPOLIA",
       "tasks": [
         {"type": "DatalakeCompute",
          "datalake": {"type": "BlockSampled", "chainId": "ETHEREUM_SEPOLIA",
                       "blockRangeStart": 5858987, "blockRangeEnd": 5858997, "increment": 1,
                       "sampledProperty": "header.base_fee_per_gas"},
          "compute": {"aggregateFnId": "avg"}},
         {"type": "DatalakeCompute",
          "datalake": {"type": "TransactionsInBlock", "chainId": "ETHEREUM_SEPOLIA",
                       "targetBlock": 5409986, "startIndex": 10, "endIndex": 40, "increment": 10,
                       "includedTypes": {"legacy": true, "eip2930": true, "eip1559": true,
                                         "eip4844": true},
                       "sampledProperty": "tx_receipt.success"},
          "compute": {"aggregateFnId": "count",
                      "aggregateFnCtx": {"operator": "gt", "valueToCompare": "0"}}}]}
      """;

  private ServerBench() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /** Runs the benchmark and prints its table. */
  public static void run(PrintStream out) throws Exception {
    Path folder = Files.createTempDirectory("hdp-server-bench");
    try {
      Properties properties = new Properties();
      properties.setProperty("hdp.db.path", folder.resolve("node").toString());
      properties.setProperty("hdp.db.maxConnections", "24");
      properties.setProperty("hdp.schedule.accumulatorInterval", "PT0S");
      NodeConfig config =
          NodeConfig.fromProperties(properties)
              .withServer(Optional.of(ServerConfig.loopback(0).withRateLimit(1e9, 1_000_000_000)));
      StageHandler pause = context -> StageOutcome.paused("benchmark: intake only");
      StageHandlers handlers = new StageHandlers(pause, pause, pause, pause, pause, context -> {});
      try (Node node = Node.start(config, handlers, Clock.systemUTC())) {
        URI uri = node.serverUri().orElseThrow().resolve("/v1/batches");
        out.printf(
            "Server intake: accepted POST /v1/batches (2 tasks, %d bytes) over loopback, H2 store,"
                + " %d cores%n",
            BODY.length(), Runtime.getRuntime().availableProcessors());
        out.printf(
            "%8s %10s %10s %12s %10s %10s%n",
            "clients", "accepted", "seconds", "POST/s", "p50 ms", "p99 ms");
        for (int clients : CLIENTS) {
          measure(uri, clients, WARM_UP);
          Result result = measure(uri, clients, MEASURE);
          out.printf(
              "%8d %10d %10.1f %12.0f %10.2f %10.2f%n",
              clients,
              result.accepted,
              result.seconds,
              result.accepted / result.seconds,
              result.percentile(0.50),
              result.percentile(0.99));
        }
        out.printf("stored batches: %d%n", node.metrics().acceptedBatches());
      }
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Result(int accepted, double seconds, double[] latenciesMillis) {
    double percentile(double p) {
      if (latenciesMillis.length == 0) {
        return Double.NaN;
      }
      return latenciesMillis[
          (int) Math.min(latenciesMillis.length - 1, p * latenciesMillis.length)];
    }
  }

  private static Result measure(URI uri, int clients, Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    AtomicInteger accepted = new AtomicInteger();
    List<List<Double>> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      List<Double> mine = new ArrayList<>();
      latencies.add(mine);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(BODY))
              .build();
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (System.nanoTime() < end) {
                      long t0 = System.nanoTime();
                      try {
                        HttpResponse<String> response =
                            http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 202) {
                          throw new IllegalStateException(
                              "expected 202, got "
                                  + response.statusCode()
                                  + ": "
                                  + response.body());
                        }
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                      mine.add((System.nanoTime() - t0) / 1e6);
                      accepted.incrementAndGet();
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] all =
        latencies.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(all);
    return new Result(accepted.get(), seconds, all);
  }
}
