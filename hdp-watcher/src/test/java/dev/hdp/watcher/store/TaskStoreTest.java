package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.stage.IllegalTransitionException;
import dev.hdp.watcher.stage.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStoreTest {
  /** The database these tests run on; {@code TaskStorePostgresIT} runs them on PostgreSQL. */
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.H2;
  }

  private static final String REQUEST =
      "{\"destinationChainId\":\"ETHEREUM_SEPOLIA\",\"tasks\":[]}";

  @TempDir Path folder;
  private TestDatabase database;
  private TaskStore store;

  @BeforeEach
  void open() {
    TickingClock clock = new TickingClock(Instant.parse("2026-11-21T12:00:00Z"));
    database = databaseKind().open(folder, clock);
    store = new TaskStore(database.dataSource, clock, new Random(1));
  }

  @AfterEach
  void close() {
    database.close();
  }

  static Bytes32 hash(String text) {
    return Keccak256.hash(text.getBytes(StandardCharsets.UTF_8));
  }

  private BatchRecord httpBatch(int tasks) {
    List<Bytes32> commitments = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      commitments.add(hash("task " + i));
    }
    return store.create(
        new NewBatch(new BatchSource.Http("api-key-1"), REQUEST, commitments, Optional.empty()),
        "test");
  }

  @Test
  void aNewBatchIsReceivedWithItsRequestAndCommitments() {
    BatchRecord batch = httpBatch(2);
    BatchRecord read = store.get(batch.id());
    assertEquals(Stage.RECEIVED, read.stage());
    assertEquals(REQUEST, read.requestJson());
    assertEquals(new BatchSource.Http("api-key-1"), read.source());
    assertEquals(
        List.of(hash("task 0"), hash("task 1")),
        read.tasks().stream().map(TaskRecord::commitment).toList());
    assertTrue(read.tasks().stream().allMatch(t -> t.result().isEmpty()));
    List<TransitionRecord> log = store.transitions(batch.id());
    assertEquals(1, log.size());
    assertEquals(Optional.empty(), log.getFirst().from());
    assertEquals(Stage.RECEIVED, log.getFirst().to());
    assertEquals("test", log.getFirst().actor());
  }

  @Test
  void theSameOnChainEventIsStoredOnce() {
    BatchSource event = new BatchSource.OnChain(hash("tx"), 3, 5_858_997);
    NewBatch request =
        new NewBatch(event, REQUEST, List.of(hash("t")), Optional.of(ProverKind.DEV));
    BatchRecord first = store.create(request, "watcher");
    BatchRecord again = store.create(request, "watcher");
    assertEquals(first.id(), again.id());
    assertEquals(event, store.get(first.id()).source());
    assertEquals(Optional.of(ProverKind.DEV), store.get(first.id()).prover());
    BatchRecord otherLog =
        store.create(
            new NewBatch(
                new BatchSource.OnChain(hash("tx"), 4, 5_858_997),
                REQUEST,
                List.of(hash("t")),
                Optional.empty()),
            "watcher");
    assertNotEquals(first.id(), otherLog.id());
  }

  @Test
  void everyTransitionIsLoggedWithWhoWhenAndWhy() {
    BatchRecord batch = httpBatch(1);
    Stage stage = Stage.RECEIVED;
    while (stage.next().isPresent()) {
      Stage next = stage.next().orElseThrow();
      assertTrue(store.advance(batch.id(), stage, next, "node-1/" + next, "because " + next));
      stage = next;
    }
    BatchRecord done = store.get(batch.id());
    assertEquals(Stage.FINALIZED, done.stage());
    assertEquals(10, done.version());
    List<TransitionRecord> log = store.transitions(batch.id());
    assertEquals(11, log.size());
    for (int i = 1; i < log.size(); i++) {
      TransitionRecord line = log.get(i);
      assertEquals(log.get(i - 1).to(), line.from().orElseThrow());
      assertEquals("node-1/" + line.to(), line.actor());
      assertEquals("because " + line.to(), line.reason());
      assertTrue(line.at().isAfter(log.get(i - 1).at()));
      assertTrue(line.sequence() > log.get(i - 1).sequence());
    }
    assertEquals(11, store.visits(batch.id()).size());
  }

  @Test
  void anIllegalTransitionThrowsAndChangesNothing() {
    BatchRecord batch = httpBatch(1);
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class,
            () -> store.advance(batch.id(), Stage.RECEIVED, Stage.PREPROCESSING, "test", "skip"));
    assertTrue(e.getMessage().contains("RECEIVED → PREPROCESSING"), e.getMessage());
    assertEquals(Stage.RECEIVED, store.get(batch.id()).stage());
    assertEquals(1, store.transitions(batch.id()).size());
  }

  @Test
  void aStaleCompareAndSetLosesAndLogsNothing() {
    BatchRecord batch = httpBatch(1);
    assertTrue(store.advance(batch.id(), Stage.RECEIVED, Stage.SCHEDULED, "a", "first"));
    assertFalse(store.advance(batch.id(), Stage.RECEIVED, Stage.SCHEDULED, "b", "second"));
    assertEquals(2, store.transitions(batch.id()).size());
    assertThrows(
        NoSuchBatchException.class,
        () ->
            store.advance(
                BatchId.parse("bq_01JDA9ZQ5V3M8Q2XK7T4W6Y0NB"),
                Stage.RECEIVED,
                Stage.SCHEDULED,
                "a",
                "x"));
  }

  @Test
  void ofTwoConcurrentAdvancesExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 25; round++) {
        BatchRecord batch = httpBatch(1);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (String worker : List.of("worker-a", "worker-b")) {
          Callable<Boolean> attempt =
              () -> {
                start.await(5, TimeUnit.SECONDS);
                return store.advance(batch.id(), Stage.RECEIVED, Stage.SCHEDULED, worker, "claim");
              };
          attempts.add(pool.submit(attempt));
        }
        int wins = 0;
        for (Future<Boolean> attempt : attempts) {
          wins += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, wins, "round " + round);
        List<TransitionRecord> log = store.transitions(batch.id());
        assertEquals(2, log.size(), "round " + round);
        assertEquals(1, store.get(batch.id()).version());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailureKeepsItsStageAndReasonAndRetryReentersThatStageAlone() {
    BatchRecord batch = httpBatch(1);
    store.advance(batch.id(), Stage.RECEIVED, Stage.SCHEDULED, "n", "scheduled");
    store.advance(batch.id(), Stage.SCHEDULED, Stage.PREPROCESSING, "n", "claimed");
    assertTrue(store.fail(batch.id(), Stage.PREPROCESSING, "n/preprocess", "RPC said no"));
    BatchRecord failed = store.get(batch.id());
    assertEquals(Stage.FAILED, failed.stage());
    assertEquals(Optional.of(new Failure(Stage.PREPROCESSING, "RPC said no")), failed.failure());
    assertFalse(store.fail(batch.id(), Stage.PREPROCESSING, "n", "again"));

    // A job still running in the failed stage loses its compare-and-set.
    assertFalse(store.advance(batch.id(), Stage.PREPROCESSING, Stage.PREPROCESSED, "n", "late"));
    assertEquals(Stage.PREPROCESSING, store.retry(batch.id(), "operator", "RPC is back"));
    BatchRecord retried = store.get(batch.id());
    assertEquals(Stage.PREPROCESSING, retried.stage());
    assertEquals(Optional.empty(), retried.failure());
    StageVisit visit =
        store.visits(batch.id()).stream()
            .filter(v -> v.stage() == Stage.PREPROCESSING)
            .findFirst()
            .orElseThrow();
    assertEquals(2, visit.entries());

    TransitionRecord failLine = store.transitions(batch.id()).get(3);
    assertEquals(Stage.FAILED, failLine.to());
    assertEquals(Optional.of(Stage.PREPROCESSING), failLine.failedStage());
    assertEquals("RPC said no", failLine.reason());
    TransitionRecord retryLine = store.transitions(batch.id()).getLast();
    assertEquals(Optional.of(Stage.FAILED), retryLine.from());
    assertEquals(Stage.PREPROCESSING, retryLine.to());
    assertEquals("operator", retryLine.actor());

    IllegalTransitionException notFailed =
        assertThrows(IllegalTransitionException.class, () -> store.retry(batch.id(), "op", "?"));
    assertTrue(notFailed.getMessage().contains("not FAILED"), notFailed.getMessage());
  }

  @Test
  void runsAreCountedPerStage() {
    BatchRecord batch = httpBatch(1);
    store.advance(batch.id(), Stage.RECEIVED, Stage.SCHEDULED, "n", "s");
    assertEquals(1, store.recordRun(batch.id(), Stage.SCHEDULED));
    assertEquals(2, store.recordRun(batch.id(), Stage.SCHEDULED));
    assertThrows(StoreException.class, () -> store.recordRun(batch.id(), Stage.FINALIZING));
  }

  @Test
  void cancelIsAllowedOnlyBeforeSubmission() {
    BatchRecord early = httpBatch(1);
    store.advance(early.id(), Stage.RECEIVED, Stage.SCHEDULED, "n", "s");
    store.cancel(early.id(), "operator", "wrong request");
    assertEquals(Stage.CANCELLED, store.get(early.id()).stage());
    assertEquals("wrong request", store.transitions(early.id()).getLast().reason());
    assertThrows(IllegalTransitionException.class, () -> store.cancel(early.id(), "op", "twice"));
    assertFalse(store.advance(early.id(), Stage.SCHEDULED, Stage.PREPROCESSING, "n", "late job"));

    BatchRecord failedEarly = httpBatch(1);
    store.advance(failedEarly.id(), Stage.RECEIVED, Stage.SCHEDULED, "n", "s");
    store.fail(failedEarly.id(), Stage.SCHEDULED, "n", "broken");
    store.cancel(failedEarly.id(), "operator", "give up");
    assertEquals(Stage.CANCELLED, store.get(failedEarly.id()).stage());

    BatchRecord submitted = httpBatch(1);
    Stage stage = Stage.RECEIVED;
    while (stage != Stage.SUBMITTED) {
      store.advance(submitted.id(), stage, stage.next().orElseThrow(), "n", "go");
      stage = stage.next().orElseThrow();
    }
    IllegalTransitionException late =
        assertThrows(
            IllegalTransitionException.class, () -> store.cancel(submitted.id(), "op", "too late"));
    assertTrue(late.getMessage().contains("SUBMITTED → CANCELLED"), late.getMessage());
    store.fail(submitted.id(), Stage.SUBMITTED, "n", "prover down");
    assertThrows(
        IllegalTransitionException.class, () -> store.cancel(submitted.id(), "op", "too late"));
  }

  @Test
  void resultsArtifactsAndListing() {
    BatchRecord a = httpBatch(2);
    BatchRecord b = httpBatch(1);
    store.recordResults(
        a.id(), List.of(Bytes32.fromBigInteger(java.math.BigInteger.TEN), hash("r")));
    assertThrows(IllegalArgumentException.class, () -> store.recordResults(b.id(), List.of()));
    store.recordArtifact(a.id(), ArtifactKind.PIE, "/tmp/a/pie.zip");
    store.recordProver(a.id(), ProverKind.SHARP);
    BatchRecord read = store.get(a.id());
    assertEquals(
        Optional.of(Bytes32.fromBigInteger(java.math.BigInteger.TEN)),
        read.tasks().get(0).result());
    assertEquals(Optional.of(hash("r")), read.tasks().get(1).result());
    assertEquals(Optional.of("/tmp/a/pie.zip"), read.artifact(ArtifactKind.PIE));
    assertEquals(Optional.empty(), read.artifact(ArtifactKind.CAIRO_INPUT));
    assertEquals(Optional.of(ProverKind.SHARP), read.prover());

    assertEquals(List.of(b.id(), a.id()), store.latest(10).stream().map(BatchRecord::id).toList());
    assertEquals(List.of(b.id()), store.latest(1).stream().map(BatchRecord::id).toList());
    store.advance(b.id(), Stage.RECEIVED, Stage.SCHEDULED, "n", "s");
    assertEquals(
        List.of(a.id()),
        store.inStages(List.of(Stage.RECEIVED)).stream().map(BatchRecord::id).toList());
    assertEquals(2, store.inStages(List.of(Stage.RECEIVED, Stage.SCHEDULED)).size());
    assertEquals(1, store.inStages(List.of(Stage.SCHEDULED)).getFirst().tasks().size());
  }
}
