package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.stage.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainEventsTest {
  /** The database these tests run on; {@code ChainEventsPostgresIT} runs them on PostgreSQL. */
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.H2;
  }

  @TempDir Path folder;

  private static Bytes32 hash(String text) {
    return Keccak256.hash(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ChainEvents.SeenEvent event(String tx, long index, String task, String note) {
    return new ChainEvents.SeenEvent(hash(tx), index, 7, hash("block 7"), hash(task), note);
  }

  private static NewBatch batch(ChainEvents.SeenEvent first, List<Bytes32> commitments) {
    return new NewBatch(
        new BatchSource.OnChain(first.txHash(), first.logIndex(), first.blockNumber()),
        "{\"tasks\": []}",
        commitments,
        Optional.of(ProverKind.DEV));
  }

  @Test
  void theCursorTheEventsAndTheBatchAreStoredTogether() {
    try (TestDatabase db = databaseKind().open(folder, Clock.systemUTC())) {
      ChainEvents events = new ChainEvents(db.dataSource, Clock.systemUTC(), new Random(1));
      TaskStore store = new TaskStore(db.dataSource, Clock.systemUTC(), new Random(2));
      assertEquals(Optional.empty(), events.cursor("c"));
      ChainEvents.SeenEvent a = event("tx a", 0, "task a", "accepted");
      ChainEvents.SeenEvent b = event("tx a", 1, "task b", "accepted");
      ChainEvents.SeenEvent skipped = event("tx b", 0, "task c", "not SCHEDULED");
      Optional<BatchId> id =
          events.advance(
              "c",
              new ChainEvents.Cursor(7, hash("block 7")),
              List.of(a, b, skipped),
              2,
              Optional.of(batch(a, List.of(a.commitment(), b.commitment()))),
              "test");
      assertTrue(id.isPresent());
      BatchRecord stored = store.get(id.get());
      assertEquals(Stage.RECEIVED, stored.stage());
      assertEquals(
          List.of(a.commitment(), b.commitment()),
          stored.tasks().stream().map(TaskRecord::commitment).toList());
      assertEquals(Optional.of(new ChainEvents.Cursor(7, hash("block 7"))), events.cursor("c"));
      assertTrue(events.seen(a.txHash(), 0));
      assertTrue(events.seen(skipped.txHash(), 0));
      assertFalse(events.seen(a.txHash(), 2));
      assertTrue(events.commitmentInFlight(a.commitment()));
      assertFalse(events.commitmentInFlight(skipped.commitment()), "skipped events hold no task");
      // A later window with no events moves the cursor only.
      assertEquals(
          Optional.empty(),
          events.advance(
              "c",
              new ChainEvents.Cursor(9, hash("block 9")),
              List.of(),
              0,
              Optional.empty(),
              "test"));
      assertEquals(9, events.cursor("c").orElseThrow().block());
      // A failed batch no longer holds its tasks: the task may be taken up again.
      store.fail(id.get(), Stage.RECEIVED, "test", "gave up");
      assertFalse(events.commitmentInFlight(a.commitment()));
    }
  }

  @Test
  void aReplayedEventIsRefusedAndNothingOfTheWindowIsWritten() {
    try (TestDatabase db = databaseKind().open(folder, Clock.systemUTC())) {
      ChainEvents events = new ChainEvents(db.dataSource, Clock.systemUTC(), new Random(1));
      TaskStore store = new TaskStore(db.dataSource, Clock.systemUTC(), new Random(2));
      ChainEvents.SeenEvent a = event("tx a", 0, "task a", "accepted");
      events.advance(
          "c",
          new ChainEvents.Cursor(7, hash("block 7")),
          List.of(a),
          1,
          Optional.of(batch(a, List.of(a.commitment()))),
          "test");
      ChainEvents.SeenEvent fresh = event("tx z", 0, "task z", "accepted");
      // As when a clustered node's watcher recorded the event first: told apart by SQLSTATE.
      assertThrows(
          EventsAlreadyRecordedException.class,
          () ->
              events.advance(
                  "c",
                  new ChainEvents.Cursor(8, hash("block 8")),
                  List.of(fresh, a),
                  2,
                  Optional.of(batch(fresh, List.of(fresh.commitment(), a.commitment()))),
                  "test"));
      assertEquals(7, events.cursor("c").orElseThrow().block(), "the cursor did not move");
      assertFalse(events.seen(fresh.txHash(), 0));
      assertEquals(1, store.latest(10).size(), "no second batch");
    }
  }

  @Test
  void aBatchGoesWithItsAcceptedEvents() {
    try (TestDatabase db = databaseKind().open(folder, Clock.systemUTC())) {
      ChainEvents events = new ChainEvents(db.dataSource, Clock.systemUTC(), new Random(1));
      ChainEvents.SeenEvent a = event("tx a", 0, "task a", "accepted");
      assertThrows(
          IllegalArgumentException.class,
          () ->
              events.advance(
                  "c",
                  new ChainEvents.Cursor(7, hash("b")),
                  List.of(a),
                  1,
                  Optional.empty(),
                  "test"));
    }
  }
}
