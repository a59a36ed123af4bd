package dev.hdp.watcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.watcher.node.Node;
import dev.hdp.watcher.node.NodeConfig;
import dev.hdp.watcher.store.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The request server over real HTTP, against a node with an H2 store and stand-in handlers. */
class RequestServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String KEY = "test-key-6f1c2d";

  @TempDir Path folder;
  private Node node;
  private ServerHandlers work;
  private URI base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void tearDown() {
    if (work != null) {
      work.release.countDown();
    }
    if (node != null) {
      node.stop();
    }
  }

  private void start(ServerConfig server) {
    Properties properties = new Properties();
    properties.setProperty("hdp.db.path", folder.resolve("db").resolve("node").toString());
    properties.setProperty("hdp.node.workerThreads", "3");
    properties.setProperty("hdp.node.stopGrace", "PT5S");
    properties.setProperty("hdp.schedule.factCheckCron", "* * * * * ?");
    properties.setProperty("hdp.schedule.accumulatorInterval", "PT0S");
    properties.setProperty("hdp.schedule.idleWait", "PT1S");
    NodeConfig config = NodeConfig.fromProperties(properties).withServer(Optional.of(server));
    work = new ServerHandlers(folder.resolve("artifacts"));
    node = Node.start(config, work.handlers(), Clock.systemUTC());
    base = node.serverUri().orElseThrow();
  }

  private void start() {
    start(ServerConfig.loopback(0));
  }

  /**
   * Runs {@code sql} (with the batch id as its one parameter) on a batch's artifact rows behind the
   * node's back (H2 lets a second process in).
   */
  private void changeArtifactRows(String sql, String batchId) throws Exception {
    String url = Database.h2FileUrl(folder.resolve("db").resolve("node"), true);
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        PreparedStatement change = connection.prepareStatement(sql)) {
      change.setString(1, batchId);
      assertEquals(1, change.executeUpdate());
    }
  }

  static ObjectNode validRequest() {
    try {
      return (ObjectNode)
          JSON.readTree(
              """
              {"destinationChainId": "ETHEREUM_SEPOLIA",
               "tasks": [
                 {"type": "DatalakeCompute",
                  "datalake": {"type": "BlockSampled", "chainId": "ETHEREUM_SEPOLIA",
                               "blockRangeStart": 5858987, "blockRangeEnd": 5858997,
                               "increment": 1, "sampledProperty": "header.base_fee_per_gas"},
                  "compute": {"aggregateFnId": "avg"}},
                 {"type": "DatalakeCompute",
                  "datalake": {"type": "TransactionsInBlock", "chainId": "ETHEREUM_SEPOLIA",
                               "targetBlock": 5409986, "startIndex": 10, "endIndex": 40,
                               "increment": 10,
                               "includedTypes": {"legacy": true, "eip2930": true,
                                                 "eip1559": true, "eip4844": true},
                               "sampledProperty": "tx_receipt.success"},
                  "compute": {"aggregateFnId": "count",
                              "aggregateFnCtx": {"operator": "gt", "valueToCompare": "0"}}}]}
              """);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  private HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (headers.length > 0) {
      request.headers(headers);
    } else {
      request.header("Content-Type", "application/json");
    }
    return send(request);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private JsonNode awaitStage(String batchId, String stage) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      JsonNode batch = json(get("/v1/batches/" + batchId));
      if (batch.get("stage").asText().equals(stage)) {
        return batch;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + stage + ": " + batch);
      }
      Thread.sleep(25);
    }
  }

  private static void assertError(
      HttpResponse<String> response, int status, String field, String reasonPart) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode error = json(response).get("error");
    assertNotNull(error, response.body());
    assertEquals(status, error.get("status").asInt());
    assertEquals(field, error.get("field").asText(), response.body());
    assertTrue(
        error.get("reason").asText().contains(reasonPart),
        "reason should contain '" + reasonPart + "': " + response.body());
  }

  @Test
  void postedBatchIsFollowedToFinalizationWithResultsArtifactsAndMetrics() throws Exception {
    start();
    String body = validRequest().toString();
    HttpResponse<String> posted = post("/v1/batches", body);
    assertEquals(202, posted.statusCode(), posted.body());
    JsonNode answer = json(posted);
    String id = answer.get("batchId").asText();
    assertEquals("/v1/batches/" + id, answer.get("statusUrl").asText());
    assertEquals("/v1/batches/" + id, posted.headers().firstValue("Location").orElseThrow());
    List<Bytes32> expected =
        SubmitBatchQuery.parse(body).tasks().stream().map(t -> t.commitment()).toList();
    List<String> hashes = new ArrayList<>();
    answer.get("taskHashes").forEach(h -> hashes.add(h.asText()));
    assertEquals(expected.stream().map(Bytes32::toHex).toList(), hashes);

    JsonNode batch = awaitStage(id, "FINALIZED");
    assertEquals("dev UNPROVEN", batch.get("prover").asText());
    for (int i = 0; i < 2; i++) {
      JsonNode task = batch.get("tasks").get(i);
      assertEquals("FINALIZED", task.get("status").asText());
      assertEquals(ServerHandlers.resultOf(expected.get(i)).toHex(), task.get("result").asText());
    }
    List<String> path = new ArrayList<>();
    batch.get("transitions").forEach(t -> path.add(t.get("to").asText()));
    assertEquals(
        List.of(
            "RECEIVED",
            "SCHEDULED",
            "PREPROCESSING",
            "PREPROCESSED",
            "RUNNING_CAIRO",
            "PIE_READY",
            "SUBMITTED",
            "FACT_PENDING",
            "FACT_VALID",
            "FINALIZING",
            "FINALIZED"),
        path);
    assertEquals(
        "results stored on-chain", batch.get("transitions").get(10).get("reason").asText());

    JsonNode task = json(get("/v1/tasks/" + expected.get(1)));
    assertEquals("FINALIZED", task.get("status").asText());
    assertEquals(ServerHandlers.resultOf(expected.get(1)).toHex(), task.get("result").asText());
    assertEquals(id, task.get("batches").get(0).get("batchId").asText());

    JsonNode artifacts = json(get("/v1/batches/" + id + "/artifacts")).get("artifacts");
    assertEquals(3, artifacts.size(), artifacts.toString());
    assertEquals(body, get("/v1/batches/" + id + "/artifacts/cairo-input").body());
    assertTrue(
        get("/v1/batches/" + id + "/artifacts/batch").body().contains(expected.get(0).toHex()));
    HttpResponse<String> pie = get("/v1/batches/" + id + "/artifacts/pie");
    assertEquals("application/zip", pie.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(200, pie.statusCode());
    assertEquals("PK fake pie of " + id, pie.body());
    assertEquals(
        "attachment; filename=\"" + id + "-pie.zip\"",
        pie.headers().firstValue("Content-Disposition").orElseThrow());
    assertEquals(
        ("PK fake pie of " + id).length(),
        artifacts.get(2).get("bytes").asInt(),
        artifacts.toString());
    // Content that no longer matches its digest is the server's failure: a 500.
    changeArtifactRows(
        "UPDATE hdp_artifact SET content = X'00' WHERE batch_id = ? AND kind = 'PIE'", id);
    assertError(
        get("/v1/batches/" + id + "/artifacts/pie"),
        500,
        "",
        "internal error: ArtifactCorruptException");
    // A db: location whose row is gone is a 404 naming the batch and the artifact.
    changeArtifactRows("DELETE FROM hdp_artifact WHERE batch_id = ?", id);
    assertError(get("/v1/batches/" + id + "/artifacts/pie"), 404, "artifact", "no such artifact");
    assertError(get("/v1/batches/" + id + "/artifacts/trace"), 404, "artifact", "unknown artifact");

    String metrics = get("/metrics").body();
    assertTrue(
        metrics.contains("hdp_stage_duration_seconds_count{stage=\"PREPROCESSING\"} 1"), metrics);
    assertTrue(metrics.contains("hdp_batches{stage=\"FINALIZED\"} 1"), metrics);
    assertTrue(metrics.contains("hdp_batches_accepted_total 1"), metrics);
    assertTrue(
        metrics.contains("hdp_http_requests_total{route=\"POST /v1/batches\",status=\"202\"} 1"),
        metrics);

    HttpResponse<String> health = get("/health");
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(json(health).get("checks").get("database").get("ok").asBoolean());
    assertEquals("3.1.0", json(get("/openapi.json")).get("openapi").asText());
  }

  @Test
  void failedBatchIsRetriedFromItsFailedStage() throws Exception {
    start();
    work.failPreprocessOnce.set(true);
    String id = json(post("/v1/batches", validRequest().toString())).get("batchId").asText();
    JsonNode failed = awaitStage(id, "FAILED");
    assertEquals("PREPROCESSING", failed.get("failure").get("stage").asText());
    assertTrue(failed.get("failure").get("reason").asText().contains("503"));
    assertEquals("FAILED", failed.get("tasks").get(0).get("status").asText());
    assertTrue(failed.get("tasks").get(0).get("result").isNull());
    assertEquals(1, json(get("/v1/batches?status=failed")).get("batches").size());

    HttpResponse<String> retried = post("/v1/batches/" + id + "/retry", "");
    assertEquals(202, retried.statusCode(), retried.body());
    assertEquals("PREPROCESSING", json(retried).get("stage").asText());
    awaitStage(id, "FINALIZED");
    assertEquals(2, work.preprocessRuns.get());

    assertError(post("/v1/batches/" + id + "/retry", ""), 409, "stage", "not FAILED");
    assertError(
        post("/v1/batches/bq_01J8F5S491GZKFPJ3GP0FR1V10/retry", ""), 404, "batchId", "bq_01J8");
  }

  @Test
  void batchIsCancelledBeforeSubmissionOnly() throws Exception {
    start();
    work.holdPreprocess.set(true);
    String id = json(post("/v1/batches", validRequest().toString())).get("batchId").asText();
    awaitStage(id, "PREPROCESSING");
    HttpResponse<String> cancelled =
        send(HttpRequest.newBuilder(base.resolve("/v1/batches/" + id)).DELETE());
    assertEquals(200, cancelled.statusCode(), cancelled.body());
    assertEquals("CANCELLED", json(cancelled).get("stage").asText());
    work.release.countDown();
    Thread.sleep(300);
    JsonNode batch = json(get("/v1/batches/" + id));
    assertEquals("CANCELLED", batch.get("stage").asText());
    assertEquals("CANCELLED", batch.get("tasks").get(1).get("status").asText());
    assertError(
        send(HttpRequest.newBuilder(base.resolve("/v1/batches/" + id)).DELETE()),
        409,
        "stage",
        "is final");

    work.holdPreprocess.set(false);
    String done = json(post("/v1/batches", validRequest().toString())).get("batchId").asText();
    awaitStage(done, "FINALIZED");
    assertError(
        send(HttpRequest.newBuilder(base.resolve("/v1/batches/" + done)).DELETE()),
        409,
        "stage",
        "FINALIZED");
  }

  /** One malformed request: what to change in a valid one, and the answer expected. */
  record Bad(String name, Consumer<ObjectNode> change, int status, String field, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static ObjectNode datalake(ObjectNode request, int task) {
    return (ObjectNode) request.get("tasks").get(task).get("datalake");
  }

  static Stream<Bad> malformedBodies() {
    return Stream.of(
        new Bad(
            "block number as a string",
            r -> datalake(r, 0).put("blockRangeStart", "5858987"),
            400,
            "tasks[0].datalake.blockRangeStart",
            "must be a non-negative integer, got the string"),
        new Bad(
            "increment as a float",
            r -> datalake(r, 0).put("increment", 1.5),
            400,
            "tasks[0].datalake.increment",
            "must be a non-negative integer, got the number 1.5"),
        new Bad(
            "negative block",
            r -> datalake(r, 0).put("blockRangeStart", -1),
            400,
            "tasks[0].datalake.blockRangeStart",
            "must be in 0..9223372036854775807, got -1"),
        new Bad(
            "block range backwards",
            r -> datalake(r, 0).put("blockRangeEnd", 5858000),
            400,
            "tasks[0].datalake.blockRangeEnd",
            "must be >= blockRangeStart"),
        new Bad(
            "zero increment",
            r -> datalake(r, 0).put("increment", 0),
            400,
            "tasks[0].datalake.increment",
            "must be > 0, got 0"),
        new Bad(
            "unknown property at the root",
            r -> r.put("priority", "high"),
            400,
            "priority",
            "unknown"),
        new Bad(
            "unknown property in a datalake",
            r -> datalake(r, 1).put("blockHash", "0x00"),
            400,
            "tasks[1].datalake.blockHash",
            "unknown"),
        new Bad(
            "missing destinationChainId",
            r -> r.remove("destinationChainId"),
            400,
            "destinationChainId",
            "is required"),
        new Bad(
            "missing sampledProperty",
            r -> datalake(r, 0).remove("sampledProperty"),
            400,
            "tasks[0].datalake.sampledProperty",
            "is required"),
        new Bad("missing tasks", r -> r.remove("tasks"), 400, "tasks", "is required"),
        new Bad("empty task list", r -> r.putArray("tasks"), 400, "tasks", "at least one task"),
        new Bad(
            "unknown aggregate function",
            r -> ((ObjectNode) r.get("tasks").get(0).get("compute")).put("aggregateFnId", "median"),
            400,
            "tasks[0].compute.aggregateFnId",
            "median"),
        new Bad(
            "unknown sampled property",
            r -> datalake(r, 0).put("sampledProperty", "header.favourite_colour"),
            400,
            "tasks[0].datalake.sampledProperty",
            "favourite_colour"),
        new Bad(
            "bad hex in a storage slot",
            r ->
                datalake(r, 0)
                    .put(
                        "sampledProperty",
                        "storage.0x75cec1db9dceb703200eaa6595f66885c962b920.0xZZ"),
            400,
            "tasks[0].datalake.sampledProperty",
            "bad storage slot (32 bytes of hex): not a hex digit 'Z'"),
        new Bad(
            "bad hex in a module program hash",
            r ->
                ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("tasks"))
                    .addObject()
                    .put("type", "Module")
                    .put("programHash", "0xnothex")
                    .putArray("inputs"),
            400,
            "tasks[2].programHash",
            "must be 0x and 1 to 64 hex digits, got '0xnothex'"),
        new Bad(
            "valueToCompare above 2^256",
            r ->
                ((ObjectNode) r.get("tasks").get(1).get("compute").get("aggregateFnCtx"))
                    .put("valueToCompare", "1" + "0".repeat(80)),
            400,
            "tasks[1].compute.aggregateFnCtx.valueToCompare",
            "uint256"),
        new Bad(
            "range too large for this node",
            r -> datalake(r, 0).put("blockRangeStart", 0).put("blockRangeEnd", 5_000_000),
            422,
            "tasks[0].datalake.blockRangeEnd",
            "at most 10000 per datalake"),
        new Bad(
            "too many tasks",
            r -> {
              com.fasterxml.jackson.databind.node.ArrayNode tasks =
                  (com.fasterxml.jackson.databind.node.ArrayNode) r.get("tasks");
              for (int i = 0; i < 70; i++) {
                tasks.add(tasks.get(0).deepCopy());
              }
            },
            422,
            "tasks",
            "at most 64 per batch"),
        new Bad(
            "module task",
            r ->
                ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("tasks"))
                    .addObject()
                    .put("type", "Module")
                    .put("programHash", "0x1234")
                    .putArray("inputs"),
            422,
            "tasks[2].type",
            "Module tasks are not supported"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  void malformedBodyIsRefusedWithTheFieldAndReason(Bad bad) {
    start();
    ObjectNode request = validRequest();
    bad.change().accept(request);
    assertError(post("/v1/batches", request.toString()), bad.status(), bad.field(), bad.reason());
    assertEquals(202, post("/submit-batch", validRequest().toString()).statusCode());
    assertEquals(1, node.store().latest(10).size());
  }

  @Test
  void bodiesThatAreNotJsonObjectsAreRefusedAndTheNodeKeepsServing() throws Exception {
    start();
    assertError(post("/v1/batches", "{\"destinationChainId\":"), 400, "", "not valid JSON");
    assertError(post("/v1/batches", "[1,2,3]"), 400, "", "must be an object, got an array");
    assertError(post("/v1/batches", ""), 400, "body", "is empty");
    assertError(post("/v1/batches", "null"), 400, "", "must be an object, got null");
    assertError(post("/v1/batches", "[".repeat(5000) + "]".repeat(5000)), 400, "", "nesting depth");
    String dup = validRequest().toString().replaceFirst("\\{", "{\"tasks\":[],");
    assertError(post("/v1/batches", dup), 400, "", "Duplicate");
    HttpResponse<String> latin1 =
        send(
            HttpRequest.newBuilder(base.resolve("/v1/batches"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xff, '}'})));
    assertError(latin1, 400, "body", "UTF-8");
    assertError(
        post("/v1/batches", validRequest().toString(), "Content-Type", "text/plain"),
        415,
        "Content-Type",
        "application/json");
    assertError(get("/v1/batches/not-a-batch"), 400, "batchId", "must start with bq_");
    assertError(get("/v1/batches/bq_01J8F5S491GZKFPJ3GP0FR1V10"), 404, "batchId", "no batch");
    assertError(get("/v1/tasks/0x1234"), 400, "commitment", "32 bytes");
    assertError(get("/v1/tasks/" + "0x" + "ab".repeat(32)), 404, "commitment", "no batch");
    assertError(get("/v1/batches?status=DONE"), 400, "status", "unknown stage 'DONE'");
    assertError(get("/v1/batches?limit=0"), 400, "limit", "1 to 500");
    assertError(get("/v1/batches?limit=x&limit=y"), 400, "limit", "more than once");
    assertError(get("/v1/batches?sort=asc"), 400, "sort", "unknown query parameter");
    assertError(get("/v1/nothing"), 404, "path", "no such resource");
    assertEquals(200, get("/v1/batches?apiKey=ignored-on-reads").statusCode());
    for (int i = 0; i < 3; i++) {
      assertError(get("/v1/probe" + i + "/x/y"), 404, "path", "no such resource");
    }
    assertError(
        send(
            HttpRequest.newBuilder(base.resolve("/v1/batches"))
                .PUT(HttpRequest.BodyPublishers.noBody())),
        405,
        "method",
        "PUT");
    assertEquals(202, post("/v1/batches", validRequest().toString()).statusCode());
    assertEquals(200, get("/health").statusCode());
    String metrics = get("/metrics").body();
    assertTrue(metrics.contains("hdp_http_rejections_total{reason=\"validation\"}"), metrics);
    assertTrue(
        metrics.contains("hdp_http_requests_total{route=\"other\",status=\"404\"} 4"), metrics);
  }

  @Test
  void hugeBodiesAreCutOffWhileStreaming() {
    start();
    String huge = "{\"destinationChainId\": \"" + "x".repeat(1024 * 1024) + "\"}";
    assertError(post("/v1/batches", huge), 413, "body", "limit of 262144 bytes");
    byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> chunked =
        send(
            HttpRequest.newBuilder(base.resolve("/v1/batches"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes))));
    assertError(chunked, 413, "body", "limit of 262144 bytes");
    assertEquals(202, post("/v1/batches", validRequest().toString()).statusCode());
    assertEquals(1, node.store().latest(10).size());
  }

  @Test
  void writesNeedAKnownKeyWhenKeysAreConfigured() {
    byte[] hash = ApiKeys.sha256(KEY);
    start(ServerConfig.loopback(0).withApiKeys(Map.of("alice", hash)));
    String body = validRequest().toString();
    assertError(post("/v1/batches", body), 401, "Authorization", "API key is required");
    assertError(
        post(
            "/v1/batches",
            body,
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer nope"),
        401,
        "Authorization",
        "unknown API key");
    assertError(
        post("/v1/batches", body, "Content-Type", "application/json", "Authorization", "Basic abc"),
        401,
        "Authorization",
        "Bearer KEY");
    HttpResponse<String> bearer =
        post(
            "/v1/batches",
            body,
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + KEY);
    assertEquals(202, bearer.statusCode(), bearer.body());
    HttpResponse<String> hdpStyle = post("/submit-batch?apiKey=" + KEY, body);
    assertEquals(202, hdpStyle.statusCode(), hdpStyle.body());
    assertEquals(200, get("/v1/batches").statusCode());
    assertEquals(2, node.store().latest(10).size());
    assertEquals(
        "alice",
        ((dev.hdp.watcher.store.BatchSource.Http) node.store().latest(1).get(0).source()).client());
  }

  @Test
  void eachKeyHasItsOwnTokenBucket() {
    start(
        ServerConfig.loopback(0)
            .withApiKeys(Map.of("a", ApiKeys.sha256("key-a"), "b", ApiKeys.sha256("key-b")))
            .withRateLimit(0.01, 3));
    String body = validRequest().toString();
    for (int i = 0; i < 3; i++) {
      assertEquals(202, post("/submit-batch?apiKey=key-a", body).statusCode());
    }
    HttpResponse<String> limited = post("/submit-batch?apiKey=key-a", body);
    assertError(limited, 429, "", "rate limit");
    assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    assertEquals(202, post("/submit-batch?apiKey=key-b", body).statusCode());
  }

  @Test
  void listingPagesThroughEveryBatchNewestFirst() throws Exception {
    start();
    Set<String> posted = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      posted.add(json(post("/v1/batches", validRequest().toString())).get("batchId").asText());
    }
    List<String> seen = new ArrayList<>();
    String next = "/v1/batches?limit=2";
    int pages = 0;
    while (next != null) {
      JsonNode page = json(get(next));
      page.get("batches").forEach(b -> seen.add(b.get("batchId").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(posted, new HashSet<>(seen));
    List<String> sorted = new ArrayList<>(seen);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, seen);
  }

  @Test
  void openApiDescribesEveryRouteAndMethod() {
    start();
    JsonNode paths = json(get("/openapi.json")).get("paths");
    Map<String, Set<String>> described = new java.util.TreeMap<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      Set<String> methods = new java.util.TreeSet<>();
      for (Map.Entry<String, JsonNode> item : path.getValue().properties()) {
        if (!item.getKey().equals("parameters")) {
          methods.add(item.getKey());
        }
      }
      described.put(path.getKey(), methods);
    }
    assertEquals(
        new java.util.TreeMap<>(
            Map.of(
                "/v1/batches", Set.of("get", "post"),
                "/submit-batch", Set.of("post"),
                "/v1/batches/{id}", Set.of("delete", "get"),
                "/v1/batches/{id}/retry", Set.of("post"),
                "/v1/batches/{id}/artifacts", Set.of("get"),
                "/v1/batches/{id}/artifacts/{name}", Set.of("get"),
                "/v1/tasks/{commitment}", Set.of("get"),
                "/health", Set.of("get"),
                "/metrics", Set.of("get"),
                "/openapi.json", Set.of("get"))),
        described);
  }

  @Test
  void metricsAreInPrometheusTextFormat() throws IOException {
    start();
    post("/v1/batches", validRequest().toString());
    HttpResponse<String> metrics = get("/metrics");
    assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    for (String line : metrics.body().split("\n")) {
      assertTrue(
          line.startsWith("# HELP ")
              || line.startsWith("# TYPE ")
              || line.matches(
                  "[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? [-+0-9.eEInfa]+"),
          "bad line: " + line);
    }
    Files.writeString(folder.resolve("metrics.txt"), metrics.body());
    assertTrue(HexFormat.of().formatHex(ApiKeys.sha256("x")).length() == 64);
  }
}
