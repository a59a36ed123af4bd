package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.stage.IllegalTransitionException;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.Failure;
import dev.hdp.watcher.store.Intent;
import dev.hdp.watcher.store.IntentState;
import dev.hdp.watcher.store.Migrations;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.ProverKind;
import dev.hdp.watcher.store.StageVisit;
import dev.hdp.watcher.store.TaskRecord;
import dev.hdp.watcher.store.TaskStore;
import dev.hdp.watcher.store.TransitionRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path folder;
  private FakeChain chain;
  PipelineHandlers work;
  private Properties database;
  private final List<Node> nodes = new ArrayList<>();

  @BeforeEach
  void setUp() {
    chain = new FakeChain();
    work = new PipelineHandlers(chain, folder.resolve("artifacts"));
    database = databaseSettings(folder);
  }

  /**
   * The {@code hdp.db.*} settings of a new database for one test: an H2 file under {@code folder};
   * {@code NodePostgresIT} runs these tests on PostgreSQL.
   */
  Properties databaseSettings(Path folder) {
    return h2Settings(folder);
  }

  private static Properties h2Settings(Path folder) {
    Properties properties = new Properties();
    properties.setProperty("hdp.db.path", folder.resolve("db").resolve("node").toString());
    return properties;
  }

  @AfterEach
  void tearDown() {
    work.preprocessHold.release.countDown();
    work.proveCrash.release.countDown();
    for (Node node : nodes) {
      node.stop();
    }
  }

  /** Settings for fast tests: the fact check every second, short Quartz waits. */
  private NodeConfig config() {
    return config(false);
  }

  NodeConfig config(boolean clustered) {
    return config(clustered, "node-1");
  }

  NodeConfig config(boolean clustered, String nodeId) {
    return fastConfig(database, clustered, nodeId);
  }

  /**
   * Settings for fast node tests with the database under {@code folder}: the fact check every
   * second, short Quartz waits (also used by {@link NodeRestartTest}).
   */
  static NodeConfig fastConfig(Path folder, boolean clustered) {
    return fastConfig(h2Settings(folder), clustered, "node-1");
  }

  private static NodeConfig fastConfig(Properties database, boolean clustered, String nodeId) {
    Properties properties = new Properties();
    properties.putAll(database);
    properties.setProperty("hdp.node.clustered", Boolean.toString(clustered));
    properties.setProperty("hdp.node.id", nodeId);
    properties.setProperty("hdp.node.workerThreads", "3");
    properties.setProperty("hdp.node.stopGrace", "PT5S");
    properties.setProperty("hdp.schedule.factCheckCron", "* * * * * ?");
    properties.setProperty("hdp.schedule.accumulatorInterval", "PT0.2S");
    properties.setProperty("hdp.schedule.idleWait", "PT1S");
    properties.setProperty("hdp.schedule.misfireThreshold", "PT1S");
    return NodeConfig.fromProperties(properties);
  }

  private Node startNode() {
    return startNode(false);
  }

  Node startNode(boolean clustered) {
    return startNode(config(clustered));
  }

  /** Starts a node that the test's end stops. */
  Node startNode(NodeConfig config) {
    Node node = Node.start(config, work.handlers(), Clock.systemUTC());
    nodes.add(node);
    return node;
  }

  /** A pool of its own on the tests' database. */
  HikariDataSource pool(String name) {
    NodeConfig config = config();
    return Database.pool(config.jdbcUrl(), config.dbUser(), config.dbPassword(), 2, name);
  }

  private static NewBatch request(String name, int tasks) {
    List<Bytes32> commitments = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      commitments.add(Keccak256.hash((name + " task " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return new NewBatch(
        new BatchSource.Http("test-client"),
        "{\"request\":\"" + name + "\"}",
        commitments,
        Optional.empty());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static void awaitStage(Node node, BatchId id, Stage stage) throws InterruptedException {
    await(id + " in " + stage, () -> node.store().get(id).stage() == stage);
  }

  /** Reads a batch while no node runs, through a pool of its own. */
  private BatchRecord readAfterStop(BatchId id) {
    try (HikariDataSource pool = pool("reader")) {
      return new TaskStore(pool, Clock.systemUTC(), new Random()).get(id);
    }
  }

  private static List<Stage> stagesEntered(Node node, BatchId id) {
    return node.store().transitions(id).stream().map(TransitionRecord::to).toList();
  }

  private static int runs(Node node, BatchId id, Stage stage) {
    return node.store().visits(id).stream()
        .filter(v -> v.stage() == stage)
        .mapToInt(StageVisit::runs)
        .sum();
  }

  private static final List<Stage> HAPPY_PATH =
      List.of(
          Stage.RECEIVED,
          Stage.SCHEDULED,
          Stage.PREPROCESSING,
          Stage.PREPROCESSED,
          Stage.RUNNING_CAIRO,
          Stage.PIE_READY,
          Stage.SUBMITTED,
          Stage.FACT_PENDING,
          Stage.FACT_VALID,
          Stage.FINALIZING,
          Stage.FINALIZED);

  /** Checks what the handlers left behind for a finished batch, and that each effect ran once. */
  private void assertFinishedOnce(Node node, BatchId id) {
    BatchRecord batch = node.store().get(id);
    assertEquals(Stage.FINALIZED, batch.stage());
    for (TaskRecord task : batch.tasks()) {
      assertEquals(Optional.of(Keccak256.hash(task.commitment().toArray())), task.result());
    }
    for (ArtifactKind kind : ArtifactKind.values()) {
      assertTrue(Files.isRegularFile(Path.of(batch.artifact(kind).orElseThrow())), "" + kind);
    }
    assertEquals(Optional.of(ProverKind.DEV), batch.prover());
    Bytes32 fact = PipelineHandlers.fact(batch);
    assertEquals(1, chain.broadcasts(FakeChain.markValid(fact)), "markValid broadcasts");
    assertEquals(
        1, chain.broadcasts(FakeChain.authenticate(id.value())), "authenticate broadcasts");
    List<Intent> intents = node.intents().forBatch(id);
    assertEquals(
        List.of("markValid", "authenticateTaskExecution"),
        intents.stream().map(Intent::kind).toList());
    assertTrue(
        intents.stream().allMatch(i -> i.state() == IntentState.CONFIRMED && i.sends() == 1));
  }

  @Test
  void submittedBatchesRunTheWholePipelineWithEachEffectSentOnce() throws Exception {
    Node node = startNode();
    List<BatchId> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(node.submit(request("happy " + i, i + 1)).id());
    }
    for (BatchId id : ids) {
      awaitStage(node, id, Stage.FINALIZED);
      assertFinishedOnce(node, id);
      assertEquals(HAPPY_PATH, stagesEntered(node, id));
    }
    List<TransitionRecord> log = node.store().transitions(ids.getFirst());
    assertEquals("node-1/intake", log.get(0).actor());
    assertEquals("node-1/planner", log.get(1).actor());
    assertEquals("node-1/preprocess", log.get(2).actor());
    assertEquals("preprocessed 1 tasks", log.get(3).reason());
    assertEquals("node-1/fact-check", log.get(8).actor());
    assertEquals("node-1/finalize", log.get(10).actor());
    for (Stage working :
        List.of(Stage.PREPROCESSING, Stage.RUNNING_CAIRO, Stage.SUBMITTED, Stage.FINALIZING)) {
      assertEquals(1, runs(node, ids.getFirst(), working), "" + working);
    }
    await("accumulator runs", () -> work.accumulatorRuns.get() >= 2);
  }

  @Test
  void aCleanStopMidStagePausesTheBatchAndANewNodeFinishesIt() throws Exception {
    Node first = startNode();
    work.preprocessHold.arm();
    BatchId id = first.submit(request("paused", 2)).id();
    assertTrue(work.preprocessHold.awaitReached());
    first.stop();
    BatchRecord paused = readAfterStop(id);
    assertEquals(Stage.PREPROCESSING, paused.stage());
    assertTrue(paused.artifact(ArtifactKind.CAIRO_INPUT).isPresent());
    assertTrue(paused.tasks().stream().allMatch(t -> t.result().isEmpty()));

    Node second = startNode();
    awaitStage(second, id, Stage.FINALIZED);
    assertFinishedOnce(second, id);
    assertEquals(2, runs(second, id, Stage.PREPROCESSING));
    assertEquals(HAPPY_PATH, stagesEntered(second, id));
  }

  @ParameterizedTest(name = "clustered: {0}")
  @ValueSource(booleans = {false, true})
  void aNodeKilledAfterABroadcastIsRecoveredWithoutSendingAgain(boolean clustered)
      throws Exception {
    Node first = startNode(clustered);
    work.proveCrash.arm();
    BatchId id = first.submit(request("crashed", 1)).id();
    assertTrue(work.proveCrash.awaitReached());
    first.simulateCrash();

    Node second = startNode(clustered);
    awaitStage(second, id, Stage.FINALIZED);
    assertFinishedOnce(second, id);
    assertEquals(2, runs(second, id, Stage.SUBMITTED));
    assertEquals(HAPPY_PATH, stagesEntered(second, id));
    TransitionRecord submittedToPending =
        second.store().transitions(id).stream()
            .filter(t -> t.to() == Stage.FACT_PENDING)
            .findFirst()
            .orElseThrow();
    // Quartz re-fired the interrupted job itself (request recovery), not the reconciler.
    assertEquals("node-1/prove (recovered)", submittedToPending.actor());
  }

  @Test
  void theFactCheckCronPicksUpEveryBatchWaitingOnItsFact() throws Exception {
    // Park batches just after the prover, before any node runs, with no fact on the chain yet.
    List<BatchId> ids = new ArrayList<>();
    try (HikariDataSource pool = pool("parking")) {
      Migrations.migrate(pool, Clock.systemUTC());
      TaskStore store = new TaskStore(pool, Clock.systemUTC(), new Random());
      for (int i = 0; i < 4; i++) {
        BatchId id = store.create(request("fact " + i, 1), "test").id();
        ids.add(id);
        Stage stage = Stage.RECEIVED;
        while (stage != Stage.FACT_PENDING) {
          Stage next = stage.next().orElseThrow();
          assertTrue(store.advance(id, stage, next, "test", "parked"));
          stage = next;
        }
        Path pie = folder.resolve("pie-" + id.value());
        Files.writeString(pie, "PIE of " + id.value());
        store.recordArtifact(id, ArtifactKind.PIE, pie.toString());
      }
    }
    Node node = startNode();
    // Three facts appear on-chain; the fourth does not, yet.
    for (BatchId id : ids.subList(0, 3)) {
      String effect = FakeChain.markValid(PipelineHandlers.fact(node.store().get(id)));
      chain.broadcast(chain.sign(effect), effect);
    }
    for (BatchId id : ids.subList(0, 3)) {
      awaitStage(node, id, Stage.FINALIZED);
    }
    BatchId late = ids.get(3);
    await("the late batch checked twice", () -> runs(node, late, Stage.FACT_PENDING) >= 2);
    assertEquals(Stage.FACT_PENDING, node.store().get(late).stage());
    String effect = FakeChain.markValid(PipelineHandlers.fact(node.store().get(late)));
    chain.broadcast(chain.sign(effect), effect);
    awaitStage(node, late, Stage.FINALIZED);
    assertEquals("node-1/fact-check", node.store().transitions(late).get(8).actor());
  }

  @Test
  void aFailedStageKeepsItsReasonAndARetryRunsThatStageAlone() throws Exception {
    Node node = startNode();
    BatchId id = node.submit(request("explode", 2)).id();
    awaitStage(node, id, Stage.FAILED);
    BatchRecord failed = node.store().get(id);
    assertEquals(
        Optional.of(
            new Failure(Stage.RUNNING_CAIRO, "IllegalStateException: cairo exploded at pc 42")),
        failed.failure());
    assertEquals(
        failed.failure().orElseThrow().reason(), node.store().transitions(id).getLast().reason());

    assertEquals(Stage.RUNNING_CAIRO, node.retry(id, "operator", "fixed the VM"));
    awaitStage(node, id, Stage.FINALIZED);
    assertFinishedOnce(node, id);
    assertEquals(1, runs(node, id, Stage.PREPROCESSING));
    assertEquals(2, runs(node, id, Stage.RUNNING_CAIRO));
    List<Stage> entered = stagesEntered(node, id);
    assertEquals(
        List.of(Stage.RUNNING_CAIRO, Stage.FAILED, Stage.RUNNING_CAIRO, Stage.PIE_READY),
        entered.subList(4, 8));
  }

  @Test
  void aBatchCancelledMidStageIsNotCarriedOnAndLateCancelsAreRefused() throws Exception {
    Node node = startNode();
    work.preprocessHold.arm();
    BatchId cancelled = node.submit(request("cancel me", 1)).id();
    assertTrue(work.preprocessHold.awaitReached());
    node.cancel(cancelled, "operator", "duplicate request");
    work.preprocessHold.release.countDown();
    BatchId finished = node.submit(request("keep me", 1)).id();
    awaitStage(node, finished, Stage.FINALIZED);
    // The released handler finishes its work (the batch file is its last step), then loses the
    // compare-and-set to PREPROCESSED.
    await(
        "the cancelled run to end",
        () -> node.store().get(cancelled).artifact(ArtifactKind.BATCH_FILE).isPresent());
    node.reconcile();
    assertEquals(Stage.CANCELLED, node.store().get(cancelled).stage());
    assertEquals(List.of(), node.intents().forBatch(cancelled));
    assertEquals("duplicate request", node.store().transitions(cancelled).getLast().reason());
    IllegalTransitionException late =
        assertThrows(
            IllegalTransitionException.class, () -> node.cancel(finished, "operator", "too late"));
    assertTrue(late.getMessage().contains("FINALIZED → CANCELLED"), late.getMessage());
  }

  @Test
  void aHandlerThatIsNotDoneYetRunsAgainLater() throws Exception {
    Node node = startNode();
    BatchId id = node.submit(request("slow prover", 1)).id();
    awaitStage(node, id, Stage.FINALIZED);
    assertFinishedOnce(node, id);
    assertEquals(3, runs(node, id, Stage.SUBMITTED));
    assertEquals(HAPPY_PATH, stagesEntered(node, id));
  }

  @Test
  void aSecondNodeOnTheSameUnclusteredDatabaseIsRefused() throws Exception {
    Node first = startNode();
    NodeStartException refused =
        assertThrows(
            NodeStartException.class,
            () -> Node.start(config(), work.handlers(), Clock.systemUTC()));
    assertTrue(refused.getMessage().contains("node node-1"), refused.getMessage());
    // The refused start left the running node alone.
    BatchId id = first.submit(request("after refusal", 1)).id();
    awaitStage(first, id, Stage.FINALIZED);
    first.stop();
    Node again = startNode();
    assertEquals(Stage.FINALIZED, again.store().get(id).stage());
  }
}
