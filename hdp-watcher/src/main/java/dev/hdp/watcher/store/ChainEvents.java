package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.watcher.stage.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * The event watcher's durable state: a named cursor (the last block read, with its hash) and the
 * request events seen. {@link #advance} writes the cursor, the events and the batch they became in
 * one transaction, so a crash leaves either all of it or none, and an event is never turned into a
 * batch twice.
 */
public final class ChainEvents {
  /** Where a watcher has read up to: every log of blocks up to {@code block} is handled. */
  public record Cursor(long block, Bytes32 blockHash) {
    public Cursor {
      if (block < 0) {
        throw new IllegalArgumentException("negative block " + block);
      }
    }
  }

  /**
   * One request event: where it was logged and the task commitment it schedules. {@code note} says
   * what became of it (accepted, or why it was skipped).
   */
  public record SeenEvent(
      Bytes32 txHash,
      long logIndex,
      long blockNumber,
      Bytes32 blockHash,
      Bytes32 commitment,
      String note) {}

  private final Jdbc jdbc;
  private final Clock clock;
  private final RandomGenerator random;

  public ChainEvents(DataSource dataSource, Clock clock, RandomGenerator random) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
    this.random = random;
  }

  public Optional<Cursor> cursor(String name) {
    return jdbc.inTransaction(
        "read cursor " + name,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT block_number, block_hash FROM hdp_chain_cursor WHERE cursor_name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                return Optional.empty();
              }
              return Optional.of(new Cursor(rows.getLong(1), Bytes32.fromHex(rows.getString(2))));
            }
          }
        });
  }

  /** True when the event (transaction, log index) was seen before. */
  public boolean seen(Bytes32 txHash, long logIndex) {
    return jdbc.inTransaction(
        "look up event " + txHash + ":" + logIndex,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT 1 FROM hdp_chain_event WHERE tx_hash = ? AND log_index = ?")) {
            select.setString(1, txHash.toHex());
            select.setLong(2, logIndex);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  /**
   * True when a batch that is not FAILED or CANCELLED already holds the task: the contract refuses
   * a second registration, so a second event with the same commitment can only be a replay (for
   * instance the same transaction mined again after a reorg).
   */
  public boolean commitmentInFlight(Bytes32 commitment) {
    return jdbc.inTransaction(
        "look up task " + commitment,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT 1 FROM hdp_task t JOIN hdp_batch b ON b.batch_id = t.batch_id"
                      + " WHERE t.commitment = ? AND b.stage NOT IN (?, ?)")) {
            select.setString(1, commitment.toHex());
            select.setString(2, Stage.FAILED.name());
            select.setString(3, Stage.CANCELLED.name());
            try (ResultSet rows = select.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  /**
   * Moves the cursor, records the events and, when {@code batch} is present, stores it in {@link
   * Stage#RECEIVED} with the accepted events pointing at it: all in one transaction.
   *
   * @param accepted how many of {@code events} (the first ones) are the batch's tasks
   * @return the new batch's id, if one was stored
   * @throws EventsAlreadyRecordedException when another watcher recorded one of the events (or the
   *     batch of one) first; nothing was written
   */
  public Optional<BatchId> advance(
      String cursorName,
      Cursor cursor,
      List<SeenEvent> events,
      int accepted,
      Optional<NewBatch> batch,
      String actor) {
    if (batch.isPresent() != (accepted > 0) || accepted > events.size()) {
      throw new IllegalArgumentException(
          "a batch goes with its accepted events: " + accepted + " of " + events.size());
    }
    Instant now = clock.instant();
    Optional<BatchId> id = batch.map(b -> BatchId.generate(clock, random));
    try {
      write(cursorName, cursor, events, accepted, batch, id, actor, now);
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql)) {
        throw new EventsAlreadyRecordedException(
            "events up to block "
                + cursor.block()
                + " were recorded by another watcher first: "
                + sql.getMessage(),
            e);
      }
      throw e;
    }
    return id;
  }

  private void write(
      String cursorName,
      Cursor cursor,
      List<SeenEvent> events,
      int accepted,
      Optional<NewBatch> batch,
      Optional<BatchId> id,
      String actor,
      Instant now) {
    jdbc.inTransaction(
        "advance cursor " + cursorName + " to " + cursor.block(),
        connection -> {
          if (batch.isPresent()) {
            BatchId batchId = id.orElseThrow();
            TaskStore.insertBatch(connection, batchId, batch.get(), now);
            TaskStore.insertTasks(connection, batchId, batch.get().commitments());
            TaskStore.log(connection, batchId, null, Stage.RECEIVED, null, actor, "received", now);
            TaskStore.enterStage(connection, batchId, Stage.RECEIVED, now);
          }
          for (int i = 0; i < events.size(); i++) {
            insertEvent(connection, events.get(i), i < accepted ? id : Optional.empty(), now);
          }
          upsertCursor(connection, cursorName, cursor, now);
          return null;
        });
  }

  private static void insertEvent(
      Connection connection, SeenEvent event, Optional<BatchId> batch, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO hdp_chain_event (tx_hash, log_index, block_number, block_hash,"
                + " commitment, batch_id, note, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, event.txHash().toHex());
      insert.setLong(2, event.logIndex());
      insert.setLong(3, event.blockNumber());
      insert.setString(4, event.blockHash().toHex());
      insert.setString(5, event.commitment().toHex());
      Jdbc.setNullableString(insert, 6, batch.map(BatchId::value).orElse(null));
      String note = event.note();
      insert.setString(7, note.length() > 400 ? note.substring(0, 399) + "…" : note);
      Jdbc.setTime(insert, 8, now);
      insert.executeUpdate();
    }
  }

  private static void upsertCursor(Connection connection, String name, Cursor cursor, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE hdp_chain_cursor SET block_number = ?, block_hash = ?, updated_at = ?"
                + " WHERE cursor_name = ?")) {
      update.setLong(1, cursor.block());
      update.setString(2, cursor.blockHash().toHex());
      Jdbc.setTime(update, 3, now);
      update.setString(4, name);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO hdp_chain_cursor (cursor_name, block_number, block_hash, updated_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, name);
      insert.setLong(2, cursor.block());
      insert.setString(3, cursor.blockHash().toHex());
      Jdbc.setTime(insert, 4, now);
      insert.executeUpdate();
    }
  }
}
