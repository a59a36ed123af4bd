package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.watcher.stage.IllegalTransitionException;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * Batches, their tasks and their stages, over JDBC.
 *
 * <p>Every stage change is a compare-and-set: the row is updated only if it is still in the stage
 * the caller saw, and the transition log line and the stage visit are written in the same database
 * transaction. A caller that loses the race gets {@code false} and must not do the stage's work.
 * Illegal moves throw {@link IllegalTransitionException} before touching the database.
 */
public final class TaskStore {
  private static final int MAX_TEXT = 4000;
  private static final String BATCH_COLUMNS =
      "batch_id, source_kind, source_tx_hash, source_log_index, source_block_number,"
          + " source_client, request_json, prover_kind, stage, failed_stage, failure_reason,"
          + " cairo_input_location, batch_file_location, pie_location, created_at, updated_at,"
          + " row_version";

  private final Jdbc jdbc;
  private final Clock clock;
  private final RandomGenerator random;
  private final TransitionListener listener;

  public TaskStore(DataSource dataSource, Clock clock, RandomGenerator random) {
    this(dataSource, clock, random, TransitionListener.NONE);
  }

  /** A store that tells {@code listener} about every stage change once it is committed. */
  public TaskStore(
      DataSource dataSource, Clock clock, RandomGenerator random, TransitionListener listener) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
    this.random = random;
    this.listener = listener;
  }

  /**
   * Stores a new batch in {@link Stage#RECEIVED}. An on-chain request whose event (transaction, log
   * index) is already stored is not stored twice: the existing batch is returned, so that replaying
   * logs after a restart is harmless.
   */
  public BatchRecord create(NewBatch batch, String actor) {
    if (batch.source() instanceof BatchSource.OnChain event) {
      Optional<BatchRecord> existing = findByEvent(event);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    BatchId id = BatchId.generate(clock, random);
    Instant now = clock.instant();
    try {
      jdbc.inTransaction(
          "create batch " + id,
          connection -> {
            insertBatch(connection, id, batch, now);
            insertTasks(connection, id, batch.commitments());
            log(connection, id, null, Stage.RECEIVED, null, actor, "received", now);
            enterStage(connection, id, Stage.RECEIVED, now);
            return null;
          });
    } catch (StoreException e) {
      if (batch.source() instanceof BatchSource.OnChain event
          && e.getCause() instanceof SQLException sql
          && Jdbc.isUniqueViolation(sql)) {
        // Another worker stored the same event between our look-up and our insert.
        return findByEvent(event).orElseThrow(() -> e);
      }
      throw e;
    }
    listener.moved(id, null, Stage.RECEIVED, Duration.ZERO);
    return get(id);
  }

  public Optional<BatchRecord> find(BatchId id) {
    List<BatchRecord> found = query("find batch " + id, "WHERE batch_id = ?", List.of(id.value()));
    return found.stream().findFirst();
  }

  /**
   * @throws NoSuchBatchException when there is no such batch
   */
  public BatchRecord get(BatchId id) {
    return find(id).orElseThrow(() -> new NoSuchBatchException(id));
  }

  /** Every batch now in one of {@code stages}, oldest first. */
  public List<BatchRecord> inStages(Collection<Stage> stages) {
    if (stages.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", stages.stream().map(s -> "?").toList());
    return query(
        "list batches in " + stages,
        "WHERE stage IN (" + marks + ") ORDER BY batch_id",
        stages.stream().map(Stage::name).map(Object.class::cast).toList());
  }

  /**
   * One page of batches, newest first: those in {@code stages} (all when empty) whose id sorts
   * before {@code before} (from the start when empty), at most {@code limit}.
   */
  public List<BatchRecord> page(Collection<Stage> stages, Optional<BatchId> before, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (!stages.isEmpty()) {
      conditions.add(
          "stage IN (" + String.join(", ", stages.stream().map(s -> "?").toList()) + ")");
      stages.forEach(stage -> parameters.add(stage.name()));
    }
    before.ifPresent(
        id -> {
          conditions.add("batch_id < ?");
          parameters.add(id.value());
        });
    String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
    return query(
        "page of batches",
        where + "ORDER BY batch_id DESC FETCH FIRST " + limit + " ROWS ONLY",
        parameters);
  }

  /** How many batches are in each stage now (stages with none are absent). */
  public Map<Stage, Long> countByStage() {
    return jdbc.inTransaction(
        "count batches by stage",
        connection -> {
          Map<Stage, Long> counts = new EnumMap<>(Stage.class);
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT stage, COUNT(*) FROM hdp_batch GROUP BY stage");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              counts.put(Stage.valueOf(rows.getString(1)), rows.getLong(2));
            }
          }
          return counts;
        });
  }

  /** Every batch and position holding the task {@code commitment}, newest batch first. */
  public List<TaskLocation> findTask(Bytes32 commitment) {
    return jdbc.inTransaction(
        "find task " + commitment,
        connection -> {
          List<TaskLocation> found = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT t.batch_id, t.task_index, t.result_value, b.stage FROM hdp_task t"
                      + " JOIN hdp_batch b ON b.batch_id = t.batch_id WHERE t.commitment = ?"
                      + " ORDER BY t.batch_id DESC, t.task_index FETCH FIRST 100 ROWS ONLY")) {
            select.setString(1, commitment.toHex());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                String result = rows.getString("result_value");
                found.add(
                    new TaskLocation(
                        new BatchId(rows.getString("batch_id")),
                        rows.getInt("task_index"),
                        commitment,
                        Stage.valueOf(rows.getString("stage")),
                        Optional.ofNullable(result).map(Bytes32::fromHex)));
              }
            }
          }
          return found;
        });
  }

  /** A trivial query, for health checks: throws when the database does not answer. */
  public void ping() {
    jdbc.inTransaction(
        "ping the database",
        connection -> {
          try (PreparedStatement select = connection.prepareStatement("SELECT 1");
              ResultSet rows = select.executeQuery()) {
            rows.next();
          }
          return null;
        });
  }

  /** The newest {@code limit} batches, newest first. */
  public List<BatchRecord> latest(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return query(
        "list batches", "ORDER BY batch_id DESC FETCH FIRST " + limit + " ROWS ONLY", List.of());
  }

  /**
   * Moves a batch one step along the pipeline if it is still in {@code expected}.
   *
   * @return true if this call moved it; false if the batch was no longer in {@code expected}
   * @throws IllegalTransitionException when {@code expected → to} is not a legal pipeline move
   */
  public boolean advance(BatchId id, Stage expected, Stage to, String actor, String why) {
    if (expected == Stage.FAILED || to == Stage.FAILED || to == Stage.CANCELLED) {
      throw new IllegalArgumentException("use fail, retry or cancel for " + expected + " → " + to);
    }
    StageMachine.check(expected, Optional.empty(), to);
    return compareAndSet(id, expected, to, null, null, actor, why);
  }

  /**
   * Marks a batch {@link Stage#FAILED} in {@code expected}, keeping that stage and the reason.
   *
   * @return false if the batch was no longer in {@code expected}
   */
  public boolean fail(BatchId id, Stage expected, String actor, String reason) {
    if (expected == Stage.FAILED) {
      throw new IllegalTransitionException(expected, Stage.FAILED, "the batch has already failed");
    }
    StageMachine.check(expected, Optional.empty(), Stage.FAILED);
    return compareAndSet(id, expected, Stage.FAILED, expected, reason, actor, reason);
  }

  /**
   * Puts a failed batch back into exactly the stage that failed, for its job to run again.
   *
   * @return the stage re-entered
   * @throws IllegalTransitionException when the batch is not {@link Stage#FAILED}
   */
  public Stage retry(BatchId id, String actor, String why) {
    while (true) {
      BatchRecord batch = get(id);
      if (batch.stage() != Stage.FAILED) {
        throw new IllegalTransitionException(
            batch.stage(), batch.stage(), "batch " + id + " is not FAILED: nothing to retry");
      }
      Stage failed = batch.failedStage().orElseThrow();
      StageMachine.check(Stage.FAILED, Optional.of(failed), failed);
      if (compareAndSet(id, Stage.FAILED, failed, null, null, actor, why)) {
        return failed;
      }
    }
  }

  /**
   * Cancels a batch that has not reached {@link Stage#SUBMITTED} (also one that failed before
   * that). A job still working on it loses its next compare-and-set and stops.
   *
   * @throws IllegalTransitionException when the batch is SUBMITTED or later, or already final
   */
  public void cancel(BatchId id, String actor, String why) {
    while (true) {
      BatchRecord batch = get(id);
      StageMachine.check(batch.stage(), batch.failedStage(), Stage.CANCELLED);
      if (compareAndSet(id, batch.stage(), Stage.CANCELLED, null, null, actor, why)) {
        return;
      }
    }
  }

  /**
   * Counts one more run of a job in the batch's current stage {@code stage} (a claim, a resumed
   * run, a retry).
   *
   * @return the number of runs in that stage so far, including this one
   */
  public int recordRun(BatchId id, Stage stage) {
    return jdbc.inTransaction(
        "count a run of " + id + " in " + stage,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE hdp_stage SET runs = runs + 1 WHERE batch_id = ? AND stage = ?")) {
            update.setString(1, id.value());
            update.setString(2, stage.name());
            if (update.executeUpdate() == 0) {
              throw new StoreException("batch " + id + " never entered " + stage);
            }
          }
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT runs FROM hdp_stage WHERE batch_id = ? AND stage = ?")) {
            select.setString(1, id.value());
            select.setString(2, stage.name());
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }

  /**
   * Records where an artifact of the batch was written outside the database (a path or URI). Nodes
   * store their artifacts with {@link #storeArtifact}; this stays for locations of other kinds.
   */
  public void recordArtifact(BatchId id, ArtifactKind kind, String location) {
    updateBatchColumn(id, kind.column(), location, "record " + kind + " of " + id);
  }

  /**
   * Stores the content of an artifact in the database and records its location {@code db:KIND} on
   * the batch, in one transaction. Storing the same content again does nothing.
   *
   * @throws ArtifactConflictException when the batch has other content for {@code kind} and {@code
   *     rewrite} is {@link ArtifactRewrite#REFUSE}
   * @throws NoSuchBatchException when there is no such batch
   */
  public void storeArtifact(
      BatchId id, ArtifactKind kind, byte[] content, ArtifactRewrite rewrite) {
    Instant now = clock.instant();
    jdbc.inTransaction(
        "store " + kind + " of " + id,
        connection -> {
          Artifacts.store(connection, id, kind, content, rewrite, now);
          return null;
        });
  }

  /**
   * The content of an artifact of {@code batch}: from the database for a {@code db:} location, or
   * from the local file an older node recorded; empty when the batch records none of that kind.
   *
   * @throws StoreException when the recorded artifact is missing, unreadable or corrupt (its digest
   *     differs), naming the batch and kind
   */
  public Optional<byte[]> readArtifact(BatchRecord batch, ArtifactKind kind) {
    Optional<String> location = batch.artifact(kind);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    if (!Artifacts.isDbLocation(location.get())) {
      return Optional.of(Artifacts.readLegacy(batch.id(), kind, location.get()));
    }
    return Optional.of(
        jdbc.inTransaction(
            "read " + kind + " of " + batch.id(),
            connection -> Artifacts.read(connection, batch.id(), kind)));
  }

  /**
   * The size in bytes of an artifact of {@code batch}, empty when it records none of that kind or
   * its content cannot be found (a missing row, an older node's file not on this host).
   */
  public Optional<Long> artifactSize(BatchRecord batch, ArtifactKind kind) {
    Optional<String> location = batch.artifact(kind);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    if (!Artifacts.isDbLocation(location.get())) {
      return batch
          .artifactFile(kind)
          .flatMap(
              file -> {
                try {
                  return Optional.of(Files.size(file));
                } catch (IOException e) {
                  return Optional.empty();
                }
              });
    }
    return jdbc.inTransaction(
        "size of " + kind + " of " + batch.id(),
        connection -> Artifacts.size(connection, batch.id(), kind));
  }

  /** Records which prover the batch goes to. */
  public void recordProver(BatchId id, ProverKind prover) {
    updateBatchColumn(id, "prover_kind", prover.name(), "record prover of " + id);
  }

  /** Records the task results, one per task in task order. */
  public void recordResults(BatchId id, List<Bytes32> results) {
    jdbc.inTransaction(
        "record results of " + id,
        connection -> {
          writeResults(connection, id, results);
          return null;
        });
  }

  /**
   * What preprocessing produces, in one transaction: the artifacts (stored as by {@link
   * #storeArtifact} with {@link ArtifactRewrite#REPLACE}, since a re-run recomputes them) and the
   * task results. A crash leaves all of it or none.
   */
  public void recordPreprocessed(
      BatchId id, Map<ArtifactKind, byte[]> artifacts, List<Bytes32> results) {
    Instant now = clock.instant();
    jdbc.inTransaction(
        "record the preprocessing of " + id,
        connection -> {
          for (Map.Entry<ArtifactKind, byte[]> artifact : artifacts.entrySet()) {
            Artifacts.store(
                connection,
                id,
                artifact.getKey(),
                artifact.getValue(),
                ArtifactRewrite.REPLACE,
                now);
          }
          writeResults(connection, id, results);
          return null;
        });
  }

  private static void writeResults(Connection connection, BatchId id, List<Bytes32> results)
      throws SQLException {
    int tasks = countTasks(connection, id);
    if (tasks != results.size()) {
      throw new IllegalArgumentException(
          "batch " + id + " has " + tasks + " tasks, got " + results.size() + " results");
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE hdp_task SET result_value = ? WHERE batch_id = ? AND task_index = ?")) {
      for (int i = 0; i < results.size(); i++) {
        update.setString(1, results.get(i).toHex());
        update.setString(2, id.value());
        update.setInt(3, i);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /** The transition log of a batch, oldest first. */
  public List<TransitionRecord> transitions(BatchId id) {
    return jdbc.inTransaction(
        "read transitions of " + id,
        connection -> {
          List<TransitionRecord> log = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT seq, from_stage, to_stage, failed_stage, actor, reason, happened_at"
                      + " FROM hdp_transition WHERE batch_id = ? ORDER BY seq")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                log.add(
                    new TransitionRecord(
                        rows.getLong("seq"),
                        id,
                        optionalStage(rows.getString("from_stage")),
                        Stage.valueOf(rows.getString("to_stage")),
                        optionalStage(rows.getString("failed_stage")),
                        rows.getString("actor"),
                        rows.getString("reason"),
                        Jdbc.getTime(rows, "happened_at")));
              }
            }
          }
          return log;
        });
  }

  /** The stages the batch has been in, in pipeline order, with entry and run counts. */
  public List<StageVisit> visits(BatchId id) {
    return jdbc.inTransaction(
        "read stage visits of " + id,
        connection -> {
          List<StageVisit> visits = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT stage, entries, runs, first_entered_at, last_entered_at"
                      + " FROM hdp_stage WHERE batch_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                visits.add(
                    new StageVisit(
                        Stage.valueOf(rows.getString("stage")),
                        rows.getInt("entries"),
                        rows.getInt("runs"),
                        Jdbc.getTime(rows, "first_entered_at"),
                        Jdbc.getTime(rows, "last_entered_at")));
              }
            }
          }
          visits.sort((a, b) -> a.stage().compareTo(b.stage()));
          return visits;
        });
  }

  private boolean compareAndSet(
      BatchId id,
      Stage expected,
      Stage to,
      Stage failedStage,
      String failureReason,
      String actor,
      String why) {
    Instant now = clock.instant();
    Instant[] entered = new Instant[1];
    boolean moved =
        jdbc.inTransaction(
            "move " + id + " " + expected + " → " + to,
            connection -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE hdp_batch SET stage = ?, failed_stage = ?, failure_reason = ?,"
                          + " updated_at = ?, row_version = row_version + 1"
                          + " WHERE batch_id = ? AND stage = ?")) {
                update.setString(1, to.name());
                Jdbc.setNullableString(update, 2, failedStage == null ? null : failedStage.name());
                Jdbc.setNullableString(update, 3, clip(failureReason));
                Jdbc.setTime(update, 4, now);
                update.setString(5, id.value());
                update.setString(6, expected.name());
                int changed = update.executeUpdate();
                if (changed == 0) {
                  if (!exists(connection, id)) {
                    throw new NoSuchBatchException(id);
                  }
                  return false;
                }
              }
              entered[0] = lastEntered(connection, id, expected);
              log(connection, id, expected, to, failedStage, actor, why, now);
              enterStage(connection, id, to, now);
              return true;
            });
    if (moved) {
      Duration inStage =
          entered[0] == null || entered[0].isAfter(now)
              ? Duration.ZERO
              : Duration.between(entered[0], now);
      listener.moved(id, expected, to, inStage);
    }
    return moved;
  }

  private static Instant lastEntered(Connection connection, BatchId id, Stage stage)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT last_entered_at FROM hdp_stage WHERE batch_id = ? AND stage = ?")) {
      select.setString(1, id.value());
      select.setString(2, stage.name());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Jdbc.getTime(rows, "last_entered_at") : null;
      }
    }
  }

  static void log(
      Connection connection,
      BatchId id,
      Stage from,
      Stage to,
      Stage failedStage,
      String actor,
      String why,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO hdp_transition"
                + " (batch_id, from_stage, to_stage, failed_stage, actor, reason, happened_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, id.value());
      Jdbc.setNullableString(insert, 2, from == null ? null : from.name());
      insert.setString(3, to.name());
      Jdbc.setNullableString(insert, 4, failedStage == null ? null : failedStage.name());
      insert.setString(5, clip(actor));
      insert.setString(6, clip(why));
      Jdbc.setTime(insert, 7, now);
      insert.executeUpdate();
    }
  }

  /** Counts an entry into {@code stage}; runs under the batch row's lock, so no race. */
  static void enterStage(Connection connection, BatchId id, Stage stage, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE hdp_stage SET entries = entries + 1, last_entered_at = ?"
                + " WHERE batch_id = ? AND stage = ?")) {
      Jdbc.setTime(update, 1, now);
      update.setString(2, id.value());
      update.setString(3, stage.name());
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO hdp_stage (batch_id, stage, entries, runs, first_entered_at,"
                + " last_entered_at) VALUES (?, ?, 1, 0, ?, ?)")) {
      insert.setString(1, id.value());
      insert.setString(2, stage.name());
      Jdbc.setTime(insert, 3, now);
      Jdbc.setTime(insert, 4, now);
      insert.executeUpdate();
    }
  }

  static void insertBatch(Connection connection, BatchId id, NewBatch batch, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO hdp_batch ("
                + BATCH_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, ?, ?, 0)")) {
      insert.setString(1, id.value());
      switch (batch.source()) {
        case BatchSource.OnChain event -> {
          insert.setString(2, "ON_CHAIN");
          insert.setString(3, event.txHash().toHex());
          insert.setLong(4, event.logIndex());
          insert.setLong(5, event.blockNumber());
          Jdbc.setNullableString(insert, 6, null);
        }
        case BatchSource.Http http -> {
          insert.setString(2, "HTTP");
          Jdbc.setNullableString(insert, 3, null);
          Jdbc.setNullableLong(insert, 4, null);
          Jdbc.setNullableLong(insert, 5, null);
          insert.setString(6, http.client());
        }
      }
      insert.setString(7, batch.requestJson());
      Jdbc.setNullableString(insert, 8, batch.prover().map(ProverKind::name).orElse(null));
      insert.setString(9, Stage.RECEIVED.name());
      Jdbc.setTime(insert, 10, now);
      Jdbc.setTime(insert, 11, now);
      insert.executeUpdate();
    }
  }

  static void insertTasks(Connection connection, BatchId id, List<Bytes32> commitments)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO hdp_task (batch_id, task_index, commitment) VALUES (?, ?, ?)")) {
      for (int i = 0; i < commitments.size(); i++) {
        insert.setString(1, id.value());
        insert.setInt(2, i);
        insert.setString(3, commitments.get(i).toHex());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private Optional<BatchRecord> findByEvent(BatchSource.OnChain event) {
    return query(
            "find batch of event " + event,
            "WHERE source_tx_hash = ? AND source_log_index = ?",
            List.of(event.txHash().toHex(), event.logIndex()))
        .stream()
        .findFirst();
  }

  private List<BatchRecord> query(String what, String whereAndOrder, List<Object> parameters) {
    return jdbc.inTransaction(
        what,
        connection -> {
          Map<BatchId, BatchRow> rows = new LinkedHashMap<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + BATCH_COLUMNS + " FROM hdp_batch " + whereAndOrder)) {
            for (int i = 0; i < parameters.size(); i++) {
              select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = select.executeQuery()) {
              while (result.next()) {
                BatchRow row = readBatch(result);
                rows.put(row.id, row);
              }
            }
          }
          if (rows.isEmpty()) {
            return List.of();
          }
          Map<BatchId, List<TaskRecord>> tasks = readTasks(connection, rows.keySet());
          List<BatchRecord> records = new ArrayList<>(rows.size());
          for (BatchRow row : rows.values()) {
            records.add(row.toRecord(tasks.getOrDefault(row.id, List.of())));
          }
          return records;
        });
  }

  /** The columns of one batch row before its tasks are attached. */
  private record BatchRow(
      BatchId id,
      BatchSource source,
      String requestJson,
      Stage stage,
      Optional<Failure> failure,
      Optional<ProverKind> prover,
      Map<ArtifactKind, String> artifacts,
      Instant createdAt,
      Instant updatedAt,
      long version) {
    BatchRecord toRecord(List<TaskRecord> tasks) {
      return new BatchRecord(
          id,
          source,
          requestJson,
          tasks,
          stage,
          failure,
          prover,
          artifacts,
          createdAt,
          updatedAt,
          version);
    }
  }

  private static BatchRow readBatch(ResultSet rows) throws SQLException {
    BatchId id = new BatchId(rows.getString("batch_id"));
    BatchSource source =
        switch (rows.getString("source_kind")) {
          case "ON_CHAIN" ->
              new BatchSource.OnChain(
                  Bytes32.fromHex(rows.getString("source_tx_hash")),
                  rows.getLong("source_log_index"),
                  rows.getLong("source_block_number"));
          case "HTTP" -> new BatchSource.Http(rows.getString("source_client"));
          default ->
              throw new StoreException(
                  "batch " + id + " has unknown source kind " + rows.getString("source_kind"));
        };
    Stage stage = Stage.valueOf(rows.getString("stage"));
    Optional<Stage> failedStage = optionalStage(rows.getString("failed_stage"));
    String failureReason = rows.getString("failure_reason");
    Optional<Failure> failure = failedStage.map(failed -> new Failure(failed, failureReason));
    Map<ArtifactKind, String> artifacts = new EnumMap<>(ArtifactKind.class);
    for (ArtifactKind kind : ArtifactKind.values()) {
      String location = rows.getString(kind.column());
      if (location != null) {
        artifacts.put(kind, location);
      }
    }
    String prover = rows.getString("prover_kind");
    return new BatchRow(
        id,
        source,
        rows.getString("request_json"),
        stage,
        failure,
        Optional.ofNullable(prover).map(ProverKind::valueOf),
        artifacts,
        Jdbc.getTime(rows, "created_at"),
        Jdbc.getTime(rows, "updated_at"),
        rows.getLong("row_version"));
  }

  private static Map<BatchId, List<TaskRecord>> readTasks(
      Connection connection, Collection<BatchId> ids) throws SQLException {
    Map<BatchId, List<TaskRecord>> tasks = new LinkedHashMap<>();
    // Chunked IN lists keep the statement size bounded when a status listing spans many batches.
    List<BatchId> all = List.copyOf(ids);
    for (int start = 0; start < all.size(); start += 500) {
      List<BatchId> chunk = all.subList(start, Math.min(all.size(), start + 500));
      String marks = String.join(", ", chunk.stream().map(b -> "?").toList());
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT batch_id, task_index, commitment, result_value FROM hdp_task"
                  + " WHERE batch_id IN ("
                  + marks
                  + ") ORDER BY batch_id, task_index")) {
        for (int i = 0; i < chunk.size(); i++) {
          select.setString(i + 1, chunk.get(i).value());
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String result = rows.getString("result_value");
            tasks
                .computeIfAbsent(new BatchId(rows.getString("batch_id")), b -> new ArrayList<>())
                .add(
                    new TaskRecord(
                        rows.getInt("task_index"),
                        Bytes32.fromHex(rows.getString("commitment")),
                        Optional.ofNullable(result).map(Bytes32::fromHex)));
          }
        }
      }
    }
    return tasks;
  }

  private void updateBatchColumn(BatchId id, String column, String value, String what) {
    jdbc.inTransaction(
        what,
        connection -> {
          setBatchColumn(connection, id, column, value, clock.instant());
          return null;
        });
  }

  /**
   * Sets one column of a batch row ({@code column} is one of ours, never user input) and its update
   * time, in the caller's transaction.
   */
  static void setBatchColumn(
      Connection connection, BatchId id, String column, String value, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE hdp_batch SET " + column + " = ?, updated_at = ? WHERE batch_id = ?")) {
      update.setString(1, value);
      Jdbc.setTime(update, 2, now);
      update.setString(3, id.value());
      if (update.executeUpdate() == 0) {
        throw new NoSuchBatchException(id);
      }
    }
  }

  private static int countTasks(Connection connection, BatchId id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT COUNT(*) FROM hdp_task WHERE batch_id = ?")) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static boolean exists(Connection connection, BatchId id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM hdp_batch WHERE batch_id = ?")) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static Optional<Stage> optionalStage(String name) {
    return Optional.ofNullable(name).map(Stage::valueOf);
  }

  private static String clip(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT - 1) + "…";
  }
}
