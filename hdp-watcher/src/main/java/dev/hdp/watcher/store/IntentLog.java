package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The durable record of side effects that must happen once.
 *
 * <p>The protocol for a stage that sends something: {@link #open} the intent (the same {@code
 * (kind, subject)} always yields the same row); if it is {@link IntentState#CONFIRMED}, skip; if it
 * is {@link IntentState#SENT}, look up the recorded transaction; if it is {@link
 * IntentState#INTENDED}, first check the target (a crash may have hit between sending and
 * recording), and only then {@link #recordSent} the transaction's hash, send it, and {@link
 * #confirm} once it took effect. Recording the hash before the broadcast means a crash can at worst
 * leave a known hash to look up, never an unknown transaction. {@link SendOnce} implements this
 * protocol for transactions.
 */
public final class IntentLog {
  private static final String COLUMNS =
      "intent_id, kind, subject, batch_id, state, tx_hash, payload, sends, created_by,"
          + " created_at, updated_at";

  private final Jdbc jdbc;
  private final Clock clock;

  public IntentLog(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  /**
   * The intent {@code (kind, subject)}, created in {@link IntentState#INTENDED} if it did not
   * exist. Safe to call from two workers at once: both get the same row.
   */
  public Intent open(String kind, String subject, Optional<BatchId> batch, String actor) {
    if (kind.isBlank() || kind.length() > 64 || subject.isBlank() || subject.length() > 200) {
      throw new IllegalArgumentException(
          "intent kind must be 1–64 and subject 1–200 characters: " + kind + " / " + subject);
    }
    Optional<Intent> existing = find(kind, subject);
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = clock.instant();
    try {
      jdbc.inTransaction(
          "open intent " + kind + " " + subject,
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO hdp_intent (kind, subject, batch_id, state, sends, created_by,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)")) {
              insert.setString(1, kind);
              insert.setString(2, subject);
              Jdbc.setNullableString(insert, 3, batch.map(BatchId::value).orElse(null));
              insert.setString(4, IntentState.INTENDED.name());
              insert.setString(5, actor);
              Jdbc.setTime(insert, 6, now);
              Jdbc.setTime(insert, 7, now);
              insert.executeUpdate();
            }
            return null;
          });
    } catch (StoreException e) {
      if (!(e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql))) {
        throw e;
      }
      // Another worker opened the same intent between our look-up and our insert.
    }
    return find(kind, subject).orElseThrow();
  }

  public Optional<Intent> find(String kind, String subject) {
    List<Intent> found =
        select(
            "find intent " + kind + " " + subject, "WHERE kind = ? AND subject = ?", kind, subject);
    return found.stream().findFirst();
  }

  /** The intents of a batch, in the order they were opened. */
  public List<Intent> forBatch(BatchId batch) {
    return select(
        "list intents of " + batch, "WHERE batch_id = ? ORDER BY intent_id", batch.value());
  }

  /**
   * Records the transaction about to be sent (or re-sent, for a replacement) and counts the send.
   * Call it before the broadcast.
   *
   * @throws IllegalStateException when the intent is already {@link IntentState#CONFIRMED}
   */
  public Intent recordSent(Intent intent, Bytes32 txHash, Optional<String> payload) {
    return update(
        intent,
        "UPDATE hdp_intent SET state = ?, tx_hash = ?, payload = ?, sends = sends + 1,"
            + " updated_at = ? WHERE intent_id = ? AND state <> ?",
        statement -> {
          statement.setString(1, IntentState.SENT.name());
          statement.setString(2, txHash.toHex());
          Jdbc.setNullableString(statement, 3, payload.orElse(null));
          Jdbc.setTime(statement, 4, clock.instant());
          statement.setLong(5, intent.id());
          statement.setString(6, IntentState.CONFIRMED.name());
        });
  }

  /** Marks the effect as done; confirming twice is harmless. */
  public Intent confirm(Intent intent) {
    Intent current = find(intent.kind(), intent.subject()).orElseThrow();
    if (current.state() == IntentState.CONFIRMED) {
      return current;
    }
    return update(
        intent,
        "UPDATE hdp_intent SET state = ?, updated_at = ? WHERE intent_id = ? AND state <> ?",
        statement -> {
          statement.setString(1, IntentState.CONFIRMED.name());
          Jdbc.setTime(statement, 2, clock.instant());
          statement.setLong(3, intent.id());
          statement.setString(4, IntentState.CONFIRMED.name());
        });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private Intent update(Intent intent, String sql, Binder binder) {
    jdbc.inTransaction(
        "update intent " + intent.kind() + " " + intent.subject(),
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            if (statement.executeUpdate() == 0) {
              throw new IllegalStateException(
                  "intent " + intent.kind() + " " + intent.subject() + " is already confirmed");
            }
          }
          return null;
        });
    return find(intent.kind(), intent.subject()).orElseThrow();
  }

  private List<Intent> select(String what, String where, String... parameters) {
    return jdbc.inTransaction(
        what,
        connection -> {
          List<Intent> intents = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + COLUMNS + " FROM hdp_intent " + where)) {
            for (int i = 0; i < parameters.length; i++) {
              select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                intents.add(read(rows));
              }
            }
          }
          return intents;
        });
  }

  private static Intent read(ResultSet rows) throws SQLException {
    String batch = rows.getString("batch_id");
    String txHash = rows.getString("tx_hash");
    return new Intent(
        rows.getLong("intent_id"),
        rows.getString("kind"),
        rows.getString("subject"),
        Optional.ofNullable(batch).map(BatchId::new),
        IntentState.valueOf(rows.getString("state")),
        Optional.ofNullable(txHash).map(Bytes32::fromHex),
        Optional.ofNullable(rows.getString("payload")),
        rows.getInt("sends"),
        rows.getString("created_by"),
        Jdbc.getTime(rows, "created_at"),
        Jdbc.getTime(rows, "updated_at"));
  }
}
