package dev.hdp.watcher.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.Failure;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.Migrations;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.TaskStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runners and the reconciler on a real store, with a planner that records instead of Quartz.
 */
class StageRunnerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path folder;
  private HikariDataSource pool;
  private TaskStore store;
  private IntentLog intents;
  private final RecordingPlanner planner = new RecordingPlanner();
  private final AtomicReference<StageHandler> handler = new AtomicReference<>();

  /** Remembers what it was asked to plan. */
  static final class RecordingPlanner implements JobPlanner {
    final List<BatchId> planned = new ArrayList<>();
    final List<String> again = new ArrayList<>();

    @Override
    public void plan(BatchId batch) {
      planned.add(batch);
    }

    @Override
    public void runAgain(StageFamily family, BatchId batch, Duration delay) {
      again.add(family + " " + batch + " " + delay);
    }
  }

  @BeforeEach
  void open() {
    pool = Database.pool(Database.h2FileUrl(folder.resolve("node"), false), "sa", "", 4, "runner");
    Migrations.migrate(pool, CLOCK);
    store = new TaskStore(pool, CLOCK, new Random(5));
    intents = new IntentLog(pool, CLOCK);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private StageRunner runner() {
    StageHandler delegate = context -> handler.get().run(context);
    StageHandlers handlers =
        new StageHandlers(delegate, delegate, delegate, delegate, delegate, context -> {});
    return new StageRunner(store, intents, handlers, planner, CLOCK);
  }

  private BatchId batchIn(Stage target) {
    BatchId id =
        store
            .create(
                new NewBatch(
                    new BatchSource.Http("t"),
                    "{}",
                    List.of(Keccak256.hash(new byte[] {1})),
                    Optional.empty()),
                "test")
            .id();
    Stage stage = Stage.RECEIVED;
    while (stage != target) {
      store.advance(id, stage, stage.next().orElseThrow(), "test", "setup");
      stage = stage.next().orElseThrow();
    }
    return id;
  }

  @Test
  void claimsRunsAndAdvancesThenPlansTheNextJob() {
    BatchId id = batchIn(Stage.PREPROCESSED);
    List<Integer> runsSeen = new ArrayList<>();
    handler.set(
        context -> {
          assertEquals(Stage.RUNNING_CAIRO, context.batch().stage());
          runsSeen.add(context.run());
          return StageOutcome.done("PIE ready");
        });
    assertEquals(
        StageRunner.Result.ADVANCED,
        runner().run(StageFamily.RUN_CAIRO, id, "n/run-cairo", new StopSignal()));
    assertEquals(Stage.PIE_READY, store.get(id).stage());
    assertEquals(List.of(1), runsSeen);
    assertEquals(List.of(id), planner.planned);
    assertEquals("PIE ready", store.transitions(id).getLast().reason());
    assertEquals("n/run-cairo", store.transitions(id).getLast().actor());
  }

  @Test
  void resumesABatchAlreadyInItsWorkingStageAndCountsTheRun() {
    BatchId id = batchIn(Stage.RUNNING_CAIRO);
    store.recordRun(id, Stage.RUNNING_CAIRO);
    List<Integer> runsSeen = new ArrayList<>();
    handler.set(
        context -> {
          runsSeen.add(context.run());
          return StageOutcome.done("resumed");
        });
    assertEquals(
        StageRunner.Result.ADVANCED,
        runner().run(StageFamily.RUN_CAIRO, id, "n", new StopSignal()));
    assertEquals(List.of(2), runsSeen);
  }

  @Test
  void leavesBatchesOutsideItsStagesAlone() {
    BatchId id = batchIn(Stage.PIE_READY);
    handler.set(
        context -> {
          throw new AssertionError("must not run");
        });
    assertEquals(
        StageRunner.Result.NOTHING_TO_DO,
        runner().run(StageFamily.PREPROCESS, id, "n", new StopSignal()));
    assertThrows(
        IllegalArgumentException.class,
        () -> runner().run(StageFamily.FACT_CHECK, id, "n", new StopSignal()));
    assertEquals(List.of(), planner.planned);
  }

  @Test
  void anExceptionFailsTheWorkingStageWithItsMessage() {
    BatchId id = batchIn(Stage.SCHEDULED);
    handler.set(
        context -> {
          throw new IllegalStateException("header 5858990 not in the MMR");
        });
    assertEquals(
        StageRunner.Result.FAILED, runner().run(StageFamily.PREPROCESS, id, "n", new StopSignal()));
    assertEquals(
        Optional.of(
            new Failure(
                Stage.PREPROCESSING, "IllegalStateException: header 5858990 not in the MMR")),
        store.get(id).failure());
  }

  @Test
  void notYetAsksForAnotherRunAndPausedLeavesTheBatchWhereItIs() {
    BatchId id = batchIn(Stage.PIE_READY);
    handler.set(context -> StageOutcome.notYet(Duration.ofSeconds(30), "prover busy"));
    assertEquals(
        StageRunner.Result.WAITING, runner().run(StageFamily.PROVE, id, "n", new StopSignal()));
    assertEquals(List.of("PROVE " + id + " PT30S"), planner.again);
    assertEquals(Stage.SUBMITTED, store.get(id).stage());

    StopSignal stop = new StopSignal();
    handler.set(
        context -> {
          stop.raise();
          return context.stop().isRaised()
              ? StageOutcome.paused("stopping")
              : StageOutcome.done("?");
        });
    assertEquals(StageRunner.Result.PAUSED, runner().run(StageFamily.PROVE, id, "n", stop));
    assertEquals(Stage.SUBMITTED, store.get(id).stage());
    assertEquals(List.of(), planner.planned);
  }

  @Test
  void aRunWhoseBatchWasCancelledMeanwhileLosesItsCompareAndSet() {
    BatchId id = batchIn(Stage.SCHEDULED);
    handler.set(
        context -> {
          store.cancel(context.batch().id(), "operator", "changed my mind");
          return StageOutcome.done("preprocessed");
        });
    assertEquals(
        StageRunner.Result.LOST, runner().run(StageFamily.PREPROCESS, id, "n", new StopSignal()));
    assertEquals(Stage.CANCELLED, store.get(id).stage());
    assertEquals(List.of(), planner.planned);
  }

  @Test
  void theFactCheckerMovesValidFactsOnAndKeepsCheckingTheOthers() {
    BatchId valid = batchIn(Stage.FACT_PENDING);
    BatchId pending = batchIn(Stage.FACT_PENDING);
    BatchId broken = batchIn(Stage.FACT_PENDING);
    BatchId flaky = batchIn(Stage.FACT_PENDING);
    BatchId elsewhere = batchIn(Stage.SUBMITTED);
    StageHandler check =
        context -> {
          BatchId id = context.batch().id();
          if (id.equals(valid)) {
            return StageOutcome.done("isValid = true");
          }
          if (id.equals(broken)) {
            return StageOutcome.failed("gave up after 24 h");
          }
          if (id.equals(flaky)) {
            throw new IllegalStateException("RPC timeout");
          }
          assertTrue(!id.equals(elsewhere));
          return StageOutcome.notYet(Duration.ZERO, "isValid = false");
        };
    FactChecker checker = new FactChecker(store, intents, check, planner, CLOCK);
    assertEquals(
        new FactChecker.Sweep(4, 1, 1, 2), checker.checkAll("n/fact-check", new StopSignal()));
    assertEquals(Stage.FACT_VALID, store.get(valid).stage());
    assertEquals(Stage.FACT_PENDING, store.get(pending).stage());
    assertEquals(Stage.FACT_PENDING, store.get(flaky).stage());
    assertEquals(
        Optional.of(new Failure(Stage.FACT_PENDING, "gave up after 24 h")),
        store.get(broken).failure());
    assertEquals(List.of(valid), planner.planned);
    assertEquals(
        new FactChecker.Sweep(2, 0, 0, 2), checker.checkAll("n/fact-check", new StopSignal()));
  }

  @Test
  void theReconcilerPlansEveryBatchThatNeedsAJob() {
    List<BatchId> needing = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      if (stage.onPipeline()) {
        BatchId id = batchIn(stage);
        if (stage != Stage.FACT_PENDING && stage != Stage.FINALIZED) {
          needing.add(id);
        }
      }
    }
    BatchId failed = batchIn(Stage.SCHEDULED);
    store.fail(failed, Stage.SCHEDULED, "n", "x");
    assertEquals(needing.size(), new Reconciler(store, planner).reconcile());
    // Listed by id; ids minted in the same millisecond sort by their random part.
    assertEquals(needing.stream().sorted().toList(), planner.planned);
  }
}
