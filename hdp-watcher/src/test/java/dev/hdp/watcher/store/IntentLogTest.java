package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hdp.core.bytes.Bytes32;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentLogTest {
  /** The database these tests run on; {@code IntentLogPostgresIT} runs them on PostgreSQL. */
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.H2;
  }

  @TempDir Path folder;
  private TestDatabase database;
  private TaskStore store;
  private IntentLog intents;

  @BeforeEach
  void open() {
    TickingClock clock = new TickingClock(Instant.parse("2026-11-21T12:00:00Z"));
    database = databaseKind().open(folder, clock);
    store = new TaskStore(database.dataSource, clock, new Random(2));
    intents = new IntentLog(database.dataSource, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void anIntentMovesFromIntendedToSentToConfirmedAndIsOpenedOnce() {
    BatchId batch =
        store
            .create(
                new NewBatch(
                    new BatchSource.Http("k"),
                    "{}",
                    List.of(TaskStoreTest.hash("t")),
                    Optional.empty()),
                "test")
            .id();
    Intent opened = intents.open("markValid", "fact 0xabc", Optional.of(batch), "node-1/prove");
    assertEquals(IntentState.INTENDED, opened.state());
    assertEquals(0, opened.sends());
    assertEquals(opened, intents.open("markValid", "fact 0xabc", Optional.of(batch), "other"));

    Bytes32 tx = TaskStoreTest.hash("signed tx");
    Intent sent = intents.recordSent(opened, tx, Optional.of("0xf86c…"));
    assertEquals(IntentState.SENT, sent.state());
    assertEquals(Optional.of(tx), sent.txHash());
    assertEquals(1, sent.sends());
    Intent confirmed = intents.confirm(sent);
    assertEquals(IntentState.CONFIRMED, confirmed.state());
    assertEquals(confirmed, intents.confirm(sent));
    assertThrows(
        IllegalStateException.class, () -> intents.recordSent(confirmed, tx, Optional.empty()));
    assertEquals(List.of(confirmed), intents.forBatch(batch));
    assertEquals("node-1/prove", confirmed.createdBy());
  }

  @Test
  void concurrentOpensOfOneIntentYieldOneRow() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 10; round++) {
        String subject = "batch " + round;
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<Intent>> opens = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
          String actor = "worker-" + worker;
          opens.add(
              pool.submit(
                  () -> {
                    start.await(5, TimeUnit.SECONDS);
                    return intents.open(
                        "authenticateTaskExecution", subject, Optional.empty(), actor);
                  }));
        }
        Set<Long> ids = new HashSet<>();
        for (Future<Intent> open : opens) {
          ids.add(open.get(10, TimeUnit.SECONDS).id());
        }
        assertEquals(1, ids.size(), subject);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
