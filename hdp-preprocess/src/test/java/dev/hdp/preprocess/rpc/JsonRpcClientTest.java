package dev.hdp.preprocess.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a local JDK HTTP server that plays a node: it answers each batch with the
 * calls' parameters echoed back, after failing the first requests as each test scripts.
 */
class JsonRpcClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the fake node does with the n-th HTTP request (0-based). */
  @FunctionalInterface
  interface Script {
    /** Returns an HTTP status to fail with, or 200 to answer; may sleep. */
    int status(int request) throws InterruptedException;
  }

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  private URI serve(Script script) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> handle(exchange, script));
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange, Script script) throws IOException {
    int now = concurrent.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
    try {
      JsonNode batch = JSON.readTree(exchange.getRequestBody());
      int n = requests.getAndIncrement();
      int status;
      try {
        status = script.status(n);
      } catch (InterruptedException e) {
        return;
      }
      if (status != 200) {
        if (status == 429) {
          exchange.getResponseHeaders().add("Retry-After", "1");
        }
        byte[] body = "busy".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      batchSizes.add(batch.size());
      ArrayNode answers = JSON.createArrayNode();
      // Answer in reverse order: the client must match answers by id.
      for (int i = batch.size() - 1; i >= 0; i--) {
        JsonNode call = batch.get(i);
        ObjectNode answer = answers.addObject();
        answer.put("jsonrpc", "2.0");
        answer.set("id", call.get("id"));
        if (call.get("method").asText().equals("bad_method")) {
          answer.putObject("error").put("code", -32601).put("message", "method not found");
        } else {
          answer.set("result", call.get("params").get(0));
        }
      }
      byte[] body = JSON.writeValueAsBytes(answers);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } finally {
      concurrent.decrementAndGet();
      exchange.close();
    }
  }

  private JsonRpcClient client(
      URI uri, int batchSize, int inFlight, int attempts, Duration timeout) {
    JsonRpcClient.Options options =
        JsonRpcClient.Options.defaults()
            .withBatching(batchSize, inFlight)
            .withRetries(attempts, Duration.ofMillis(100), Duration.ofMillis(350), timeout);
    return new JsonRpcClient(uri, options, waits::add);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static List<RpcCall> numberedCalls(int count) {
    List<RpcCall> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(RpcCall.of("eth_getProof", "0x" + Integer.toHexString(i), List.of(), "latest"));
    }
    return calls;
  }

  @Test
  void splitsCallsIntoBatchesAndKeepsTheirOrder() throws IOException {
    URI uri = serve(n -> 200);
    try (JsonRpcClient client = client(uri, 50, 2, 3, Duration.ofSeconds(5))) {
      List<RpcResult> results = client.callAll(numberedCalls(120));
      assertEquals(120, results.size());
      for (int i = 0; i < 120; i++) {
        assertEquals("0x" + Integer.toHexString(i), results.get(i).orThrow().asText());
      }
    }
    assertEquals(3, requests.get());
    assertEquals(List.of(20, 50, 50), batchSizes.stream().sorted().toList());
    assertTrue(maxConcurrent.get() <= 2, "at most 2 batches in flight, saw " + maxConcurrent);
  }

  @Test
  void keepsTheBoundOnBatchesInFlight() throws IOException {
    URI uri =
        serve(
            n -> {
              Thread.sleep(30);
              return 200;
            });
    try (JsonRpcClient client = client(uri, 5, 3, 3, Duration.ofSeconds(5))) {
      client.callAll(numberedCalls(100));
    }
    assertEquals(20, requests.get());
    assertEquals(3, maxConcurrent.get(), "20 slow batches with a bound of 3");
  }

  @Test
  void retriesOn429And5xxWithExponentialBackoff() throws IOException {
    URI uri = serve(n -> n == 0 ? 503 : n == 1 ? 500 : n == 2 ? 502 : 200);
    try (JsonRpcClient client = client(uri, 50, 1, 5, Duration.ofSeconds(5))) {
      assertEquals("0x7", client.call("eth_blockNumber", "0x7").asText());
    }
    assertEquals(4, requests.get());
    // 100 ms doubling, capped at 350 ms.
    assertEquals(
        List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350)), waits);
  }

  @Test
  void honoursRetryAfterOn429() throws IOException {
    URI uri = serve(n -> n == 0 ? 429 : 200);
    try (JsonRpcClient client = client(uri, 50, 1, 5, Duration.ofSeconds(5))) {
      assertEquals("0x1", client.call("eth_chainId", "0x1").asText());
    }
    // Retry-After: 1 s, capped by the maximum backoff.
    assertEquals(List.of(Duration.ofMillis(350)), waits);
  }

  @Test
  void retriesARequestThatTimesOut() throws IOException {
    URI uri =
        serve(
            n -> {
              if (n == 0) {
                Thread.sleep(1_000);
              }
              return 200;
            });
    try (JsonRpcClient client = client(uri, 50, 1, 3, Duration.ofMillis(200))) {
      assertEquals("0x5", client.call("eth_getBlockByNumber", "0x5", false).asText());
    }
    assertEquals(2, requests.get());
    assertEquals(List.of(Duration.ofMillis(100)), waits);
  }

  @Test
  void failsEveryCallOfTheBatchAfterTheLastTryNamingMethodAndBlock() throws IOException {
    URI uri = serve(n -> 503);
    try (JsonRpcClient client = client(uri, 50, 1, 3, Duration.ofSeconds(5))) {
      List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
      client.setListener(
          new JsonRpcClient.Listener() {
            @Override
            public void retried() {
              reported.add("retry");
            }

            @Override
            public void failed(RpcException.Kind kind) {
              reported.add(kind.name());
            }
          });
      List<RpcResult> results =
          client.callAll(
              List.of(
                  RpcCall.of("eth_getProof", "0xabc", List.of(), "0x10"),
                  RpcCall.of("eth_getBlockReceipts", "0x11")));
      assertEquals(3, requests.get());
      RpcException first = assertInstanceOf(RpcResult.Failure.class, results.get(0)).error();
      assertEquals(RpcException.Kind.TRANSPORT, first.kind());
      assertEquals(
          "eth_getProof(0xabc, [], 0x10): failed after 3 attempts; last: HTTP 503: busy",
          first.getMessage());
      RpcException second = assertThrows(RpcException.class, () -> results.get(1).orThrow());
      assertTrue(second.getMessage().startsWith("eth_getBlockReceipts(0x11): failed after 3"));
      assertEquals(List.of("retry", "retry", "TRANSPORT", "TRANSPORT"), reported);
    }
  }

  @Test
  void doesNotRetryAClientError() throws IOException {
    URI uri = serve(n -> 400);
    try (JsonRpcClient client = client(uri, 50, 1, 5, Duration.ofSeconds(5))) {
      RpcException e = assertThrows(RpcException.class, () -> client.call("eth_chainId", "0x1"));
      assertEquals(RpcException.Kind.HTTP_STATUS, e.kind());
    }
    assertEquals(1, requests.get());
  }

  @Test
  void anErrorObjectFailsOnlyItsCall() throws IOException {
    URI uri = serve(n -> 200);
    try (JsonRpcClient client = client(uri, 50, 1, 3, Duration.ofSeconds(5))) {
      List<RpcResult> results =
          client.callAll(List.of(RpcCall.of("eth_chainId", "0x1"), RpcCall.of("bad_method", "x")));
      assertEquals("0x1", results.get(0).orThrow().asText());
      RpcException e = assertInstanceOf(RpcResult.Failure.class, results.get(1)).error();
      assertEquals(RpcException.Kind.RPC_ERROR, e.kind());
      assertEquals(-32601, e.rpcCode().orElseThrow());
      assertEquals("bad_method(x): node error -32601: method not found", e.getMessage());
    }
    assertEquals(1, requests.get());
  }
}
