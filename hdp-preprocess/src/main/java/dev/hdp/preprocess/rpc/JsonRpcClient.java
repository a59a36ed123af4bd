package dev.hdp.preprocess.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * JSON-RPC over HTTP with batches: {@link #callAll} splits the calls into batches of at most {@link
 * Options#maxBatchSize()}, keeps at most {@link Options#maxInFlight()} batches on the wire, and
 * retries a batch with exponential backoff when the request times out, the connection fails, or the
 * node answers 429 or 5xx (a {@code Retry-After} in seconds is honoured up to the maximum backoff).
 * After the last try every call of the batch fails with {@link RpcException.Kind#TRANSPORT} naming
 * the call and the last problem. An error object answered for one call fails that call only, and is
 * not retried.
 *
 * <p>Thread-safe; one instance per endpoint. Results are converted on the worker threads (see
 * {@link #callAll(List, Function)}), so that parsing overlaps with the node's work on the next
 * batch.
 */
public final class JsonRpcClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Batching and retry settings.
   *
   * @param maxBatchSize calls per HTTP request
   * @param maxInFlight HTTP requests on the wire at once
   * @param requestTimeout how long one HTTP request may take before it is retried
   * @param maxAttempts tries per batch, the first included
   * @param initialBackoff the wait before the second try; it doubles for each further try
   * @param maxBackoff the longest wait between tries
   */
  public record Options(
      int maxBatchSize,
      int maxInFlight,
      Duration requestTimeout,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff) {
    public Options {
      if (maxBatchSize < 1 || maxInFlight < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxBatchSize, maxInFlight and maxAttempts must be >= 1");
      }
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /**
     * 50 calls per batch (Anvil's throughput is flat from 10 to 50), 2 batches in flight (one being
     * answered while the previous one is parsed), 30 s per request, 5 tries, backoff 250 ms
     * doubling up to 8 s.
     */
    public static Options defaults() {
      return new Options(
          50, 2, Duration.ofSeconds(30), 5, Duration.ofMillis(250), Duration.ofSeconds(8));
    }

    /** These options with another batch size and bound on batches in flight. */
    public Options withBatching(int batchSize, int inFlight) {
      return new Options(
          batchSize, inFlight, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    /** These options with other retry settings. */
    public Options withRetries(int attempts, Duration initial, Duration max, Duration timeout) {
      return new Options(maxBatchSize, maxInFlight, timeout, attempts, initial, max);
    }
  }

  /** Waits between tries (replaced in tests to record the waits instead of sleeping). */
  @FunctionalInterface
  public interface Sleeper {
    /** Thread.sleep. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
  }

  /** Told about retries and failed calls, for metrics; must be quick and must not throw. */
  public interface Listener {
    Listener NONE =
        new Listener() {
          @Override
          public void retried() {}

          @Override
          public void failed(RpcException.Kind kind) {}
        };

    /** An HTTP request is about to be sent again after a failure. */
    void retried();

    /** A call failed for good. */
    void failed(RpcException.Kind kind);
  }

  private final URI endpoint;
  private final Options options;
  private final Sleeper sleeper;
  private volatile Listener listener = Listener.NONE;
  private final HttpClient http;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore inFlight;

  /** A client with {@link Options#defaults()}. */
  public JsonRpcClient(URI endpoint) {
    this(endpoint, Options.defaults(), Sleeper.SYSTEM);
  }

  public JsonRpcClient(URI endpoint, Options options, Sleeper sleeper) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.options = Objects.requireNonNull(options, "options");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    // Fair, so that batches go out roughly in the order they were queued.
    this.inFlight = new Semaphore(options.maxInFlight(), true);
    // HTTP/1.1: plain-http endpoints do not speak h2c, and the upgrade attempt costs a round trip.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.requestTimeout())
            .build();
  }

  /** Reports retries and failed calls to {@code listener} from now on. */
  public void setListener(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /** The options. */
  public Options options() {
    return options;
  }

  /**
   * One call.
   *
   * @return its result (JSON null when the node answers null)
   * @throws RpcException when it fails after the retries
   */
  public JsonNode call(String method, Object... params) {
    return callAll(List.of(RpcCall.of(method, params))).get(0).orThrow();
  }

  /** Many calls in batches; results in the calls' order. Never throws for a single call. */
  public List<RpcResult> callAll(List<RpcCall> calls) {
    return callAll(calls, Function.identity());
  }

  /**
   * Many calls in batches, each result converted by {@code convert} on the worker thread that
   * received it; results in the calls' order. {@code convert} should not throw (turn a bad result
   * into a value that says so).
   */
  public <T> List<T> callAll(List<RpcCall> calls, Function<RpcResult, T> convert) {
    List<Future<List<T>>> batches = new ArrayList<>();
    for (int from = 0; from < calls.size(); from += options.maxBatchSize()) {
      List<RpcCall> batch =
          calls.subList(from, Math.min(calls.size(), from + options.maxBatchSize()));
      batches.add(workers.submit(() -> convertAll(reported(sendWithRetries(batch)), convert)));
    }
    List<T> out = new ArrayList<>(calls.size());
    try {
      for (Future<List<T>> batch : batches) {
        out.addAll(batch.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      batches.forEach(b -> b.cancel(true));
      throw new RpcException(RpcException.Kind.TRANSPORT, "interrupted", null, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a batch worker failed", e.getCause());
    }
    return out;
  }

  /**
   * Starts many calls in batches and returns at once; {@code onResult} receives every call's result
   * on the worker thread that received it (batches are sent in order, at most {@link
   * Options#maxInFlight()} at a time), and the returned future completes when all have been
   * delivered. A failure inside {@code onResult} completes the future exceptionally; results of
   * other batches are still delivered.
   */
  public CompletableFuture<Void> callAllAsync(List<RpcCall> calls, Consumer<RpcResult> onResult) {
    List<CompletableFuture<Void>> batches = new ArrayList<>();
    for (int from = 0; from < calls.size(); from += options.maxBatchSize()) {
      List<RpcCall> batch =
          List.copyOf(calls.subList(from, Math.min(calls.size(), from + options.maxBatchSize())));
      batches.add(
          CompletableFuture.runAsync(
              () -> {
                List<RpcResult> results;
                try {
                  results = sendWithRetries(batch);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  results = failAll(batch, RpcException.Kind.TRANSPORT, "interrupted", e);
                }
                results.forEach(onResult);
              },
              workers));
    }
    return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new));
  }

  private static <T> List<T> convertAll(List<RpcResult> results, Function<RpcResult, T> convert) {
    List<T> out = new ArrayList<>(results.size());
    for (RpcResult result : results) {
      out.add(convert.apply(result));
    }
    return out;
  }

  private List<RpcResult> reported(List<RpcResult> results) {
    for (RpcResult result : results) {
      if (result instanceof RpcResult.Failure failure) {
        listener.failed(failure.error().kind());
      }
    }
    return results;
  }

  /** Sends one batch, retrying transport failures; never throws. */
  private List<RpcResult> sendWithRetries(List<RpcCall> batch) throws InterruptedException {
    byte[] body = requestBody(batch);
    String lastProblem = "";
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      Duration wait = null;
      inFlight.acquire();
      try {
        HttpResponse<byte[]> response =
            http.send(
                HttpRequest.newBuilder(endpoint)
                    .timeout(options.requestTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
          return parseResponse(batch, response.body());
        }
        lastProblem = "HTTP " + status + snippet(response.body());
        lastCause = null;
        if (status != 429 && status < 500) {
          return failAll(batch, RpcException.Kind.HTTP_STATUS, lastProblem, null);
        }
        wait = retryAfter(response).orElse(null);
      } catch (IOException e) {
        lastProblem =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        lastCause = e;
      } finally {
        inFlight.release();
      }
      if (attempt < options.maxAttempts()) {
        listener.retried();
        sleeper.sleep(wait != null ? wait : backoff(attempt));
      }
    }
    return failAll(
        batch,
        RpcException.Kind.TRANSPORT,
        "failed after " + options.maxAttempts() + " attempts; last: " + lastProblem,
        lastCause);
  }

  /** The wait after try {@code attempt}: initial · 2^(attempt−1), at most the maximum. */
  Duration backoff(int attempt) {
    Duration wait = options.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 30));
    return wait.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : wait;
  }

  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .map(d -> d.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : d);
  }

  private static List<RpcResult> failAll(
      List<RpcCall> batch, RpcException.Kind kind, String problem, Throwable cause) {
    List<RpcResult> out = new ArrayList<>(batch.size());
    for (RpcCall call : batch) {
      out.add(
          new RpcResult.Failure(
              call, new RpcException(kind, call.describe() + ": " + problem, null, cause)));
    }
    return out;
  }

  private static byte[] requestBody(List<RpcCall> batch) {
    ArrayNode array = JSON.createArrayNode();
    for (int i = 0; i < batch.size(); i++) {
      RpcCall call = batch.get(i);
      ObjectNode request = array.addObject();
      request.put("jsonrpc", "2.0");
      request.put("id", i);
      request.put("method", call.method());
      request.set("params", JSON.valueToTree(call.params()));
    }
    try {
      return JSON.writeValueAsBytes(array);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parameters that are not JSON: " + batch, e);
    }
  }

  /** Matches the answers to the calls by id; a missing or malformed answer fails its call. */
  private static List<RpcResult> parseResponse(List<RpcCall> batch, byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return failAll(
          batch, RpcException.Kind.MALFORMED_RESPONSE, "the answer is not JSON" + snippet(body), e);
    }
    RpcResult[] results = new RpcResult[batch.size()];
    if (root != null && root.isObject() && root.has("error") && !root.hasNonNull("id")) {
      // The whole batch was refused (e.g. batches not supported, or too large).
      return failAll(
          batch, RpcException.Kind.RPC_ERROR, "batch refused: " + root.get("error"), null);
    }
    if (root == null || !root.isArray()) {
      return failAll(
          batch,
          RpcException.Kind.MALFORMED_RESPONSE,
          "the answer is not a JSON array" + snippet(body),
          null);
    }
    for (JsonNode answer : root) {
      JsonNode id = answer.get("id");
      if (id == null || !id.canConvertToInt() || id.asInt() < 0 || id.asInt() >= results.length) {
        continue; // an answer to no call of ours; the call it should have answered fails below
      }
      int index = id.asInt();
      RpcCall call = batch.get(index);
      JsonNode error = answer.get("error");
      if (error != null && !error.isNull()) {
        Integer code = error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
        results[index] =
            new RpcResult.Failure(
                call,
                new RpcException(
                    RpcException.Kind.RPC_ERROR,
                    call.describe()
                        + ": node error "
                        + code
                        + ": "
                        + error.path("message").asText(),
                    code,
                    null));
      } else if (answer.has("result")) {
        results[index] = new RpcResult.Success(call, answer.get("result"));
      } else {
        results[index] =
            new RpcResult.Failure(
                call, RpcException.malformed(call, "neither result nor error", null));
      }
    }
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null) {
        results[i] =
            new RpcResult.Failure(
                batch.get(i), RpcException.malformed(batch.get(i), "no answer with id " + i, null));
      }
    }
    return List.of(results);
  }

  private static String snippet(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
    return ": " + text.strip() + (body.length > 200 ? "…" : "");
  }

  /** Stops the worker threads. */
  @Override
  public void close() {
    workers.shutdownNow();
    http.close();
  }
}
