package dev.hdp.watcher.metrics;

import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.TaskStore;
import dev.hdp.watcher.store.TransitionListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's series: time spent in each stage and stage changes (fed by the store's {@link
 * TransitionListener}), batches per stage (read from the store at scrape time), RPC errors and
 * retries, and the request server's requests and rejections.
 */
public final class NodeMetrics implements TransitionListener {
  /** Seconds: from a web request's milliseconds to a prover's hours. */
  private static final double[] STAGE_SECONDS = {
    0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600
  };

  private static final double[] REQUEST_SECONDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5
  };

  private final Metrics registry = new Metrics();
  private final Metrics.Histogram stageSeconds =
      registry.histogram(
          "hdp_stage_duration_seconds",
          "Time a batch spent in a stage, observed when it left the stage.",
          STAGE_SECONDS,
          "stage");
  private final Metrics.Counter transitions =
      registry.counter("hdp_stage_transitions_total", "Stage changes, by the stage entered.", "to");
  private final Metrics.Counter rpcErrors =
      registry.counter(
          "hdp_rpc_errors_total", "JSON-RPC calls that failed after their retries.", "kind");
  private final Metrics.Counter rpcRetries =
      registry.counter("hdp_rpc_retries_total", "JSON-RPC requests sent again after a failure.");
  private final Metrics.Counter httpRequests =
      registry.counter(
          "hdp_http_requests_total", "Requests answered by the server.", "route", "status");
  private final Metrics.Histogram httpSeconds =
      registry.histogram(
          "hdp_http_request_duration_seconds",
          "Time to answer a request, by route.",
          REQUEST_SECONDS,
          "route");
  private final Metrics.Counter rejections =
      registry.counter(
          "hdp_http_rejections_total",
          "Requests refused with a 4xx, by reason (validation, limit, auth, rate, ...).",
          "reason");
  private final Metrics.Counter accepted =
      registry.counter("hdp_batches_accepted_total", "Batches accepted over HTTP.");

  /** Registers the gauge of batches per stage, read from {@code store} when scraped. */
  public void watchQueues(TaskStore store) {
    registry.gauge(
        "hdp_batches",
        "Batches now in each stage (queue depths).",
        queueDepths(store::countByStage),
        "stage");
  }

  private static Supplier<Map<List<String>, Double>> queueDepths(
      Supplier<Map<Stage, Long>> counts) {
    return () -> {
      Map<Stage, Long> now = counts.get();
      Map<List<String>, Double> values = new LinkedHashMap<>();
      for (Stage stage : Stage.values()) {
        values.put(List.of(stage.name()), (double) now.getOrDefault(stage, 0L));
      }
      return values;
    };
  }

  @Override
  public void moved(BatchId batch, Stage from, Stage to, Duration timeInFrom) {
    transitions.inc(to.name());
    if (from != null) {
      stageSeconds.observe(timeInFrom.toNanos() / 1e9, from.name());
    }
  }

  /** A JSON-RPC call failed for good; {@code kind} is the error class (transport, rpc, ...). */
  public void rpcError(String kind) {
    rpcErrors.inc(kind.toLowerCase(Locale.ROOT));
  }

  /** A JSON-RPC request was sent again. */
  public void rpcRetry() {
    rpcRetries.inc();
  }

  /** One answered request. */
  public void httpRequest(String route, int status, long nanos) {
    httpRequests.inc(route, Integer.toString(status));
    httpSeconds.observe(nanos / 1e9, route);
  }

  /** One refused request. */
  public void rejected(String reason) {
    rejections.inc(reason);
  }

  /** One batch accepted over HTTP. */
  public void acceptedBatch() {
    accepted.inc();
  }

  /** The count of accepted batches so far. */
  public long acceptedBatches() {
    return accepted.get();
  }

  /** The registry in the Prometheus text format. */
  public String render() {
    return registry.render();
  }
}
