package dev.hdp.watcher.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.json.JsonFormatException;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.ModuleTask;
import dev.hdp.core.task.Task;
import dev.hdp.core.task.TaskValidationException;
import dev.hdp.watcher.metrics.NodeMetrics;
import dev.hdp.watcher.stage.IllegalTransitionException;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.ArtifactCorruptException;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.NoSuchBatchException;
import dev.hdp.watcher.store.StageVisit;
import dev.hdp.watcher.store.StoreException;
import dev.hdp.watcher.store.TaskLocation;
import dev.hdp.watcher.store.TaskRecord;
import dev.hdp.watcher.store.TransitionRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API over the JDK's {@code HttpServer}, one virtual thread per exchange. See the
 * package documentation for the routes and {@code openapi.json} for the full description.
 */
public final class RequestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PAGE = 500;

  /**
   * How much of an over-long body is read and dropped before the 413 is sent: reading on lets an
   * HTTP/1.1 client that is still sending see the answer instead of a reset connection; past this
   * the connection is closed. Nothing beyond the limit is kept in memory.
   */
  private static final int DRAIN_FACTOR = 16;

  private final ServerBackend backend;
  private final ServerConfig config;
  private final NodeMetrics metrics;
  private final ApiKeys keys;
  private final RateLimiter limiter;
  private final HttpServer http;
  private final ExecutorService executor;

  private RequestServer(ServerBackend backend, ServerConfig config, NodeMetrics metrics)
      throws IOException {
    this.backend = backend;
    this.config = config;
    this.metrics = metrics;
    this.keys = new ApiKeys(config.apiKeys());
    this.limiter = new RateLimiter(config.ratePerSecond(), config.rateBurst(), System::nanoTime);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 512);
    http.setExecutor(executor);
    http.createContext("/", this::handle);
  }

  /**
   * Binds and starts a server.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static RequestServer start(
      ServerBackend backend, ServerConfig config, NodeMetrics metrics) {
    try {
      RequestServer server = new RequestServer(backend, config, metrics);
      server.http.start();
      LOG.info("request server listening on {}", server.baseUri());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** Where the server listens, e.g. {@code http://127.0.0.1:8547}. */
  public URI baseUri() {
    InetSocketAddress address = http.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** Stops accepting, gives exchanges in progress up to a second, and stops. */
  @Override
  public void close() {
    http.stop(1);
    executor.shutdown();
  }

  // ---------------------------------------------------------------------------------- dispatch

  private void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    String route = "unknown";
    int status;
    try {
      Request request = Request.of(exchange);
      route = request.route();
      status = dispatch(request);
    } catch (ApiError e) {
      status = sendError(exchange, e);
      metrics.rejected(e.metricReason());
    } catch (NoSuchBatchException e) {
      status = sendError(exchange, ApiError.notFound("batchId", e.getMessage()));
      metrics.rejected("not_found");
    } catch (RuntimeException | IOException | Error e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      status =
          sendError(
              exchange,
              new ApiError(500, "", "internal error: " + e.getClass().getSimpleName(), "error"));
    } finally {
      exchange.close();
    }
    metrics.httpRequest(route, status, System.nanoTime() - started);
  }

  private int dispatch(Request request) throws IOException {
    List<String> p = request.segments;
    String method = request.method;
    if (p.size() == 1 && p.get(0).equals("health")) {
      return only(request, "GET", () -> health(request));
    }
    if (p.size() == 1 && p.get(0).equals("metrics")) {
      return only(request, "GET", () -> metrics(request));
    }
    if (p.size() == 1 && p.get(0).equals("openapi.json")) {
      return only(request, "GET", () -> openApi(request));
    }
    if (p.size() == 1 && p.get(0).equals("submit-batch")) {
      return only(request, "POST", () -> submit(request));
    }
    if (p.size() >= 2 && p.get(0).equals("v1")) {
      String what = p.get(1);
      if (what.equals("batches") && p.size() == 2) {
        return switch (method) {
          case "GET" -> list(request);
          case "POST" -> submit(request);
          default -> notAllowed(request, "GET, POST");
        };
      }
      if (what.equals("batches") && p.size() == 3) {
        return switch (method) {
          case "GET" -> batch(request, batchId(p.get(2)));
          case "DELETE" -> cancel(request, batchId(p.get(2)));
          default -> notAllowed(request, "GET, DELETE");
        };
      }
      if (what.equals("batches") && p.size() == 4 && p.get(3).equals("retry")) {
        return only(request, "POST", () -> retry(request, batchId(p.get(2))));
      }
      if (what.equals("batches") && p.size() == 4 && p.get(3).equals("artifacts")) {
        return only(request, "GET", () -> artifacts(request, batchId(p.get(2))));
      }
      if (what.equals("batches") && p.size() == 5 && p.get(3).equals("artifacts")) {
        return only(request, "GET", () -> artifact(request, batchId(p.get(2)), p.get(4)));
      }
      if (what.equals("tasks") && p.size() == 3) {
        return only(request, "GET", () -> task(request, p.get(2)));
      }
    }
    throw ApiError.notFound(
        "path", "no such resource: " + request.exchange.getRequestURI().getPath());
  }

  private interface Route {
    int run() throws IOException;
  }

  private static int only(Request request, String method, Route route) throws IOException {
    if (!request.method.equals(method)) {
      return notAllowed(request, method);
    }
    return route.run();
  }

  private static int notAllowed(Request request, String allowed) {
    request.exchange.getResponseHeaders().set("Allow", allowed);
    throw new ApiError(
        405,
        "method",
        request.method + " is not allowed here (allowed: " + allowed + ")",
        "method");
  }

  // ------------------------------------------------------------------------------------ writes

  private int submit(Request request) throws IOException {
    request.allowQuery(Set.of("apiKey"));
    String client = authorize(request);
    String contentType = request.header("Content-Type");
    if (contentType != null) {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!media.equals("application/json")) {
        throw new ApiError(
            415,
            "Content-Type",
            "must be application/json, got " + clipText(contentType, 80),
            "content_type");
      }
    }
    String body = readBody(request.exchange);
    SubmitBatchQuery query = parse(body);
    checkLimits(query);
    List<Bytes32> commitments = query.tasks().stream().map(Task::commitment).toList();
    BatchRecord batch =
        backend.accept(
            new NewBatch(new BatchSource.Http(client), body, commitments, Optional.empty()));
    metrics.acceptedBatch();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("batchId", batch.id().value());
    ArrayNode hashes = answer.putArray("taskHashes");
    commitments.forEach(c -> hashes.add(c.toHex()));
    answer.put("stage", batch.stage().name());
    answer.put("statusUrl", statusUrl(batch.id()));
    request.exchange.getResponseHeaders().set("Location", statusUrl(batch.id()));
    return send(request.exchange, 202, answer);
  }

  private int retry(Request request, BatchId id) throws IOException {
    request.allowQuery(Set.of("apiKey"));
    String client = authorize(request);
    Stage stage;
    try {
      stage = backend.retry(id, "http:" + client, "retry requested over HTTP");
    } catch (IllegalTransitionException e) {
      throw ApiError.conflict("stage", e.getMessage());
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("batchId", id.value());
    answer.put("stage", stage.name());
    answer.put("statusUrl", statusUrl(id));
    return send(request.exchange, 202, answer);
  }

  private int cancel(Request request, BatchId id) throws IOException {
    request.allowQuery(Set.of("apiKey"));
    String client = authorize(request);
    try {
      backend.cancel(id, "http:" + client, "cancelled over HTTP");
    } catch (IllegalTransitionException e) {
      throw ApiError.conflict("stage", e.getMessage());
    }
    return send(request.exchange, 200, batchView(backend.store().get(id), false));
  }

  /** The client name of an allowed write, after the key check and the rate limit. */
  private String authorize(Request request) {
    String client;
    if (keys.required()) {
      String presented = presentedKey(request);
      if (presented == null) {
        request.exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        throw new ApiError(
            401,
            "Authorization",
            "an API key is required: send Authorization: Bearer KEY or ?apiKey=KEY",
            "auth");
      }
      client =
          keys.identify(presented)
              .orElseThrow(
                  () -> {
                    request.exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                    return new ApiError(401, "Authorization", "unknown API key", "auth");
                  });
    } else {
      client = "anonymous@" + request.exchange.getRemoteAddress().getAddress().getHostAddress();
    }
    long wait = limiter.take(client);
    if (wait > 0) {
      request.exchange.getResponseHeaders().set("Retry-After", Long.toString(wait));
      throw new ApiError(
          429,
          "",
          "rate limit of "
              + config.ratePerSecond()
              + " writes/s (burst "
              + config.rateBurst()
              + ") exceeded; retry in "
              + wait
              + " s",
          "rate");
    }
    return client;
  }

  private static String presentedKey(Request request) {
    String header = request.header("Authorization");
    String fromQuery = request.query.get("apiKey");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
        throw new ApiError(401, "Authorization", "must be 'Bearer KEY'", "auth");
      }
      return header.substring(7).strip();
    }
    return fromQuery;
  }

  /** The body as UTF-8 text, refused as soon as it passes the limit. */
  private String readBody(HttpExchange exchange) throws IOException {
    int limit = config.maxBodyBytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
    byte[] chunk = new byte[8192];
    long total = 0;
    int read;
    while ((read = in.read(chunk)) > 0) {
      total += read;
      if (total > limit) {
        drain(in, (long) limit * DRAIN_FACTOR - total, chunk);
        throw new ApiError(
            413,
            "body",
            "is larger than this node's limit of "
                + limit
                + " bytes"
                + (declared != null ? " (Content-Length " + clipText(declared, 20) + ")" : ""),
            "body_size");
      }
      kept.write(chunk, 0, read);
    }
    if (total == 0) {
      throw ApiError.badRequest("body", "is empty; send a SubmitBatchQuery JSON object");
    }
    byte[] bytes = kept.toByteArray();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("body", "is not valid UTF-8");
    }
  }

  private static void drain(InputStream in, long budget, byte[] chunk) throws IOException {
    while (budget > 0) {
      int read = in.read(chunk);
      if (read <= 0) {
        return;
      }
      budget -= read;
    }
  }

  private static SubmitBatchQuery parse(String body) {
    try {
      return SubmitBatchQuery.parse(body);
    } catch (JsonFormatException e) {
      throw ApiError.badRequest(e.path(), e.reason());
    } catch (TaskValidationException e) {
      throw ApiError.badRequest(e.field(), e.reason());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("", clipText(String.valueOf(e.getMessage()), 300));
    }
  }

  private void checkLimits(SubmitBatchQuery query) {
    if (query.tasks().size() > config.maxTasksPerBatch()) {
      throw ApiError.overLimit(
          "tasks",
          "has "
              + query.tasks().size()
              + " tasks; this node accepts at most "
              + config.maxTasksPerBatch()
              + " per batch");
    }
    for (int i = 0; i < query.tasks().size(); i++) {
      switch (query.tasks().get(i)) {
        case ModuleTask module ->
            throw ApiError.overLimit(
                "tasks[" + i + "].type",
                "Module tasks are not supported by this node (DatalakeCompute only)");
        case DatalakeComputeTask compute -> {
          if (compute.datalake() instanceof BlockSampledDatalake sampled
              && sampled.sampleCount() > config.maxBlocksPerDatalake()) {
            throw ApiError.overLimit(
                "tasks[" + i + "].datalake.blockRangeEnd",
                "the range samples "
                    + sampled.sampleCount()
                    + " blocks; this node allows at most "
                    + config.maxBlocksPerDatalake()
                    + " per datalake");
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------- reads

  private int batch(Request request, BatchId id) throws IOException {
    request.allowQuery(Set.of());
    BatchRecord batch = backend.store().find(id).orElseThrow(() -> missing(id));
    return send(request.exchange, 200, batchView(batch, true));
  }

  private int list(Request request) throws IOException {
    request.allowQuery(Set.of("status", "limit", "before"));
    EnumSet<Stage> stages = EnumSet.noneOf(Stage.class);
    String status = request.query.get("status");
    if (status != null) {
      for (String name : status.split(",", -1)) {
        try {
          stages.add(Stage.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw ApiError.badRequest(
              "status",
              "unknown stage '" + clipText(name, 40) + "'; known: " + List.of(Stage.values()));
        }
      }
    }
    int limit = 50;
    String limitText = request.query.get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_PAGE) {
        throw ApiError.badRequest("limit", "must be an integer from 1 to " + MAX_PAGE);
      }
    }
    Optional<BatchId> before =
        Optional.ofNullable(request.query.get("before")).map(RequestServer::batchIdParam);
    List<BatchRecord> page = backend.store().page(stages, before, limit);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("batches");
    for (BatchRecord batch : page) {
      items.add(batchView(batch, false));
    }
    if (page.size() == limit) {
      StringBuilder next = new StringBuilder("/v1/batches?limit=").append(limit);
      if (status != null) {
        next.append("&status=").append(String.join(",", stages.stream().map(Stage::name).toList()));
      }
      next.append("&before=").append(page.get(page.size() - 1).id().value());
      answer.put("next", next.toString());
    } else {
      answer.putNull("next");
    }
    return send(request.exchange, 200, answer);
  }

  private int task(Request request, String commitmentText) throws IOException {
    request.allowQuery(Set.of());
    Bytes32 commitment;
    try {
      commitment = Bytes32.fromHex(commitmentText);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "commitment", "must be 32 bytes as 0x-prefixed hex: " + clipText(e.getMessage(), 120));
    }
    List<TaskLocation> found = backend.store().findTask(commitment);
    if (found.isEmpty()) {
      throw ApiError.notFound("commitment", "no batch on this node holds task " + commitment);
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("commitment", commitment.toHex());
    Optional<TaskLocation> finalized =
        found.stream()
            .filter(t -> t.stage() == Stage.FINALIZED && t.result().isPresent())
            .findFirst();
    answer.put("status", finalized.isPresent() ? "FINALIZED" : taskStatus(found.get(0).stage()));
    if (finalized.isPresent()) {
      putResult(answer, finalized.get().result().get());
    } else {
      answer.putNull("result");
    }
    ArrayNode batches = answer.putArray("batches");
    for (TaskLocation location : found) {
      ObjectNode item = batches.addObject();
      item.put("batchId", location.batch().value());
      item.put("index", location.index());
      item.put("stage", location.stage().name());
      item.put("statusUrl", statusUrl(location.batch()));
    }
    return send(request.exchange, 200, answer);
  }

  private int artifacts(Request request, BatchId id) throws IOException {
    request.allowQuery(Set.of());
    BatchRecord batch = backend.store().find(id).orElseThrow(() -> missing(id));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("batchId", id.value());
    answer.set("artifacts", artifactList(batch));
    return send(request.exchange, 200, answer);
  }

  private int artifact(Request request, BatchId id, String name) throws IOException {
    request.allowQuery(Set.of());
    ArtifactName kind = ArtifactName.parse(name);
    BatchRecord batch = backend.store().find(id).orElseThrow(() -> missing(id));
    String location =
        batch
            .artifact(kind.kind)
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "artifact",
                        "batch "
                            + id
                            + " has no "
                            + kind.urlName
                            + " yet (stage "
                            + batch.stage()
                            + ")"));
    byte[] content;
    try {
      content = backend.store().readArtifact(batch, kind.kind).orElseThrow();
    } catch (ArtifactCorruptException e) {
      throw e; // a damaged database is the server's failure: a logged 500, not a 404
    } catch (StoreException e) {
      throw ApiError.notFound(
          "artifact",
          kind.urlName
              + " of "
              + id
              + " is recorded at "
              + location
              + " but not readable here: "
              + e.getMessage());
    }
    HttpExchange exchange = request.exchange;
    exchange.getResponseHeaders().set("Content-Type", kind.mediaType);
    exchange
        .getResponseHeaders()
        .set(
            "Content-Disposition",
            "attachment; filename=\"" + id.value() + "-" + fileName(kind, batch) + "\"");
    exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(content);
    }
    return 200;
  }

  /** The name a download is saved under: an older node's file name, or the usual one. */
  private static String fileName(ArtifactName kind, BatchRecord batch) {
    return batch
        .artifactFile(kind.kind)
        .map(Path::getFileName)
        .map(Path::toString)
        .orElse(kind.fileName);
  }

  private int health(Request request) throws IOException {
    request.allowQuery(Set.of());
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode checks = answer.putObject("checks");
    boolean healthy = true;
    for (Map.Entry<String, HealthCheck> entry : backend.healthChecks().entrySet()) {
      ObjectNode check = checks.putObject(entry.getKey());
      long started = System.nanoTime();
      try {
        check.put("ok", true);
        check.put("detail", entry.getValue().check());
      } catch (Exception e) {
        healthy = false;
        check.put("ok", false);
        check.put("detail", clipText(e.getClass().getSimpleName() + ": " + e.getMessage(), 300));
      }
      check.put("millis", (System.nanoTime() - started) / 1_000_000);
    }
    answer.put("status", healthy ? "ok" : "failing");
    return send(request.exchange, healthy ? 200 : 503, answer);
  }

  private int metrics(Request request) throws IOException {
    request.allowQuery(Set.of());
    byte[] text = metrics.render().getBytes(StandardCharsets.UTF_8);
    return sendBytes(request.exchange, 200, "text/plain; version=0.0.4; charset=utf-8", text);
  }

  private int openApi(Request request) throws IOException {
    request.allowQuery(Set.of());
    try (InputStream in = RequestServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return sendBytes(request.exchange, 200, "application/json", in.readAllBytes());
    }
  }

  // ------------------------------------------------------------------------------------- views

  private ObjectNode batchView(BatchRecord batch, boolean detail) {
    ObjectNode node = JSON.createObjectNode();
    node.put("batchId", batch.id().value());
    node.put("stage", batch.stage().name());
    if (batch.failure().isPresent()) {
      ObjectNode failure = node.putObject("failure");
      failure.put("stage", batch.failure().get().stage().name());
      failure.put("reason", batch.failure().get().reason());
    } else {
      node.putNull("failure");
    }
    batch
        .prover()
        .ifPresentOrElse(p -> node.put("prover", p.label()), () -> node.putNull("prover"));
    node.put(
        "source",
        switch (batch.source()) {
          case BatchSource.Http http -> "http";
          case BatchSource.OnChain chain -> "chain";
        });
    node.put("createdAt", batch.createdAt().toString());
    node.put("updatedAt", batch.updatedAt().toString());
    node.put("taskCount", batch.tasks().size());
    node.put("statusUrl", statusUrl(batch.id()));
    if (!detail) {
      return node;
    }
    if (batch.source() instanceof BatchSource.OnChain chain) {
      ObjectNode event = node.putObject("event");
      event.put("txHash", chain.txHash().toHex());
      event.put("logIndex", chain.logIndex());
      event.put("blockNumber", chain.blockNumber());
    }
    ArrayNode tasks = node.putArray("tasks");
    for (TaskRecord task : batch.tasks()) {
      ObjectNode item = tasks.addObject();
      item.put("index", task.index());
      item.put("commitment", task.commitment().toHex());
      item.put("status", taskStatus(batch.stage()));
      if (batch.stage() == Stage.FINALIZED && task.result().isPresent()) {
        putResult(item, task.result().get());
      } else {
        item.putNull("result");
      }
    }
    ArrayNode stages = node.putArray("stages");
    for (StageVisit visit : backend.store().visits(batch.id())) {
      ObjectNode item = stages.addObject();
      item.put("stage", visit.stage().name());
      item.put("entries", visit.entries());
      item.put("runs", visit.runs());
      item.put("firstEnteredAt", visit.firstEnteredAt().toString());
      item.put("lastEnteredAt", visit.lastEnteredAt().toString());
    }
    ArrayNode transitions = node.putArray("transitions");
    Instant previous = null;
    for (TransitionRecord t : backend.store().transitions(batch.id())) {
      ObjectNode item = transitions.addObject();
      t.from().ifPresentOrElse(f -> item.put("from", f.name()), () -> item.putNull("from"));
      item.put("to", t.to().name());
      t.failedStage().ifPresent(f -> item.put("failedStage", f.name()));
      item.put("at", t.at().toString());
      if (previous != null) {
        item.put("afterMillis", java.time.Duration.between(previous, t.at()).toMillis());
      }
      item.put("actor", t.actor());
      item.put("reason", t.reason());
      previous = t.at();
    }
    node.set("artifacts", artifactList(batch));
    return node;
  }

  private ArrayNode artifactList(BatchRecord batch) {
    ArrayNode list = JSON.createArrayNode();
    for (ArtifactName name : ArtifactName.values()) {
      if (batch.artifact(name.kind).isPresent()) {
        ObjectNode item = list.addObject();
        item.put("name", name.urlName);
        item.put("mediaType", name.mediaType);
        item.put("url", statusUrl(batch.id()) + "/artifacts/" + name.urlName);
        backend.store().artifactSize(batch, name.kind).ifPresent(size -> item.put("bytes", size));
      }
    }
    return list;
  }

  private static void putResult(ObjectNode node, Bytes32 result) {
    node.put("result", result.toHex());
    node.put("resultDecimal", result.toBigInteger().toString());
  }

  /** A task's status as HDP clients see it: only a finalized batch has results. */
  private static String taskStatus(Stage stage) {
    return switch (stage) {
      case FINALIZED -> "FINALIZED";
      case FAILED -> "FAILED";
      case CANCELLED -> "CANCELLED";
      default -> "PENDING";
    };
  }

  /** The names artifacts have in URLs. */
  private enum ArtifactName {
    CAIRO_INPUT("cairo-input", ArtifactKind.CAIRO_INPUT, "application/json", "cairo-input.json"),
    BATCH("batch", ArtifactKind.BATCH_FILE, "application/json", "batch.json"),
    PIE("pie", ArtifactKind.PIE, "application/zip", "pie.zip");

    final String urlName;
    final ArtifactKind kind;
    final String mediaType;
    final String fileName;

    ArtifactName(String urlName, ArtifactKind kind, String mediaType, String fileName) {
      this.urlName = urlName;
      this.kind = kind;
      this.mediaType = mediaType;
      this.fileName = fileName;
    }

    static ArtifactName parse(String text) {
      for (ArtifactName name : values()) {
        if (name.urlName.equals(text)) {
          return name;
        }
      }
      throw ApiError.notFound(
          "artifact", "unknown artifact '" + clipText(text, 40) + "' (cairo-input, batch or pie)");
    }
  }

  /** A stored location as a local file: a path, or a {@code file:} URI; null for other URIs. */
  private static String statusUrl(BatchId id) {
    return "/v1/batches/" + id.value();
  }

  private static BatchId batchId(String text) {
    try {
      return BatchId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("batchId", clipText(e.getMessage(), 200));
    }
  }

  private static BatchId batchIdParam(String text) {
    try {
      return BatchId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("before", clipText(e.getMessage(), 200));
    }
  }

  private static ApiError missing(BatchId id) {
    return ApiError.notFound("batchId", "no batch " + id + " on this node");
  }

  // -------------------------------------------------------------------------------- responses

  private static int send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes;
    try {
      bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print a JSON tree", e);
    }
    return sendBytes(exchange, status, "application/json", bytes);
  }

  private static int sendBytes(HttpExchange exchange, int status, String type, byte[] bytes)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  private static int sendError(HttpExchange exchange, ApiError error) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode inner = body.putObject("error");
    inner.put("status", error.status());
    inner.put("field", error.field());
    inner.put("reason", error.reason());
    try {
      return send(exchange, error.status(), body);
    } catch (IOException | RuntimeException e) {
      // The client went away or the headers were already sent; nothing more to tell it.
      LOG.debug("could not send error {}", error, e);
      return error.status();
    }
  }

  static String clipText(String text, int max) {
    String clean = text.replaceAll("[\\p{Cntrl}&&[^\n]]", "?");
    return clean.length() <= max ? clean : clean.substring(0, max) + "…";
  }

  /** One exchange with its method, path segments and query parameters parsed strictly. */
  private static final class Request {
    final HttpExchange exchange;
    final String method;
    final List<String> segments;
    final Map<String, String> query;

    private Request(
        HttpExchange exchange, String method, List<String> segments, Map<String, String> query) {
      this.exchange = exchange;
      this.method = method;
      this.segments = segments;
      this.query = query;
    }

    static Request of(HttpExchange exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
      List<String> segments = new ArrayList<>();
      for (String part : path.split("/")) {
        if (!part.isEmpty()) {
          segments.add(decode(part, "path"));
        }
      }
      Map<String, String> query = new LinkedHashMap<>();
      String raw = uri.getRawQuery();
      if (raw != null && !raw.isEmpty()) {
        for (String pair : raw.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
          if (query.put(name, value) != null) {
            throw ApiError.badRequest(name, "is given more than once");
          }
        }
      }
      return new Request(exchange, exchange.getRequestMethod(), segments, query);
    }

    private static String decode(String text, String field) {
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(field, "bad percent-encoding");
      }
    }

    String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }

    /** Refuses query parameters other than {@code allowed} (HDP clients' apiKey is always fine). */
    void allowQuery(Set<String> allowed) {
      for (String name : query.keySet()) {
        if (!allowed.contains(name) && !name.equals("apiKey")) {
          throw ApiError.badRequest(
              name,
              "unknown query parameter"
                  + (allowed.isEmpty() ? "; this resource takes none" : "; allowed: " + allowed));
        }
      }
    }

    /** The route label for metrics: method and path with ids replaced. */
    String route() {
      if (segments.size() >= 3
          && segments.get(0).equals("v1")
          && Set.of("batches", "tasks").contains(segments.get(1))) {
        List<String> shape = new ArrayList<>(segments);
        shape.set(2, segments.get(1).equals("tasks") ? "{commitment}" : "{id}");
        if (shape.size() == 5) {
          shape.set(4, "{name}");
        }
        if (shape.size() <= 5) {
          return method + " /" + String.join("/", shape);
        }
      }
      if (segments.size() <= 2) {
        String path = "/" + String.join("/", segments);
        if (Set.of("/", "/health", "/metrics", "/openapi.json", "/submit-batch", "/v1/batches")
            .contains(path)) {
          return method + " " + path;
        }
      }
      return "other";
    }
  }
}
