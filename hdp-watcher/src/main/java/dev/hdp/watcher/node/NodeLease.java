package dev.hdp.watcher.node;

import dev.hdp.watcher.store.Dialect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Locks a running node holds on one open connection for its whole life, so that a second node with
 * the same id, or an unclustered node next to any other node on one database, fails at start-up
 * instead of running the same jobs twice. A crashed node's locks go with its connection.
 *
 * <p>Every node locks its id exclusively, and its scheduler: exclusively when it runs unclustered
 * (it must be alone), shared when clustered (clustered nodes run side by side, but not next to an
 * unclustered one).
 *
 * <p>On PostgreSQL the locks are session-level advisory locks: a transaction left open for the
 * node's life would hold back every vacuum of the database (Quartz's tables churn). On H2 they are
 * row locks ({@code SELECT … FOR UPDATE}) in a transaction left open; H2 has no shared row locks,
 * so there clustered nodes take no scheduler lock and only unclustered nodes are kept apart.
 * Several nodes belong on PostgreSQL.
 */
final class NodeLease implements AutoCloseable {
  /** One lock, held exclusively or shared with other nodes. */
  record Lock(String name, boolean shared) {
    /** The advisory lock key of this name on PostgreSQL: 64 bits of its SHA-256. */
    long advisoryKey() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(("hdp node lease: " + name).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }

  private final Connection connection;
  private final boolean advisory;

  private NodeLease(Connection connection, boolean advisory) {
    this.connection = connection;
    this.advisory = advisory;
  }

  /** The locks a node takes: its id, and its scheduler (shared when clustered). */
  static List<Lock> locksFor(NodeConfig config) {
    return List.of(
        new Lock("node " + config.nodeId(), false),
        new Lock("scheduler " + config.schedulerName(), config.clustered()));
  }

  /**
   * Takes every lock in {@code locks} without waiting.
   *
   * @throws NodeStartException naming the lock another node holds
   */
  static NodeLease acquire(DataSource dataSource, List<Lock> locks) throws SQLException {
    Dialect dialect;
    try (Connection connection = dataSource.getConnection()) {
      dialect = Dialect.of(connection);
    }
    return dialect == Dialect.POSTGRESQL
        ? acquireAdvisory(dataSource, locks)
        : acquireRows(dataSource, locks);
  }

  private static NodeLease acquireAdvisory(DataSource dataSource, List<Lock> locks)
      throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      for (Lock lock : locks) {
        String function = lock.shared() ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
        try (PreparedStatement select = connection.prepareStatement("SELECT " + function + "(?)")) {
          select.setLong(1, lock.advisoryKey());
          try (ResultSet rows = select.executeQuery()) {
            rows.next();
            if (!rows.getBoolean(1)) {
              throw held(lock, null);
            }
          }
        }
      }
      return new NodeLease(connection, true);
    } catch (RuntimeException | SQLException e) {
      unlockAll(connection);
      connection.close();
      throw e;
    }
  }

  private static NodeLease acquireRows(DataSource dataSource, List<Lock> locks)
      throws SQLException {
    for (Lock lock : locks) {
      ensureRow(dataSource, lock.name());
    }
    Connection connection = dataSource.getConnection();
    try {
      connection.setAutoCommit(false);
      for (Lock lock : locks) {
        if (lock.shared()) {
          continue; // H2 has no shared row locks
        }
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT name FROM hdp_node_lock WHERE name = ? FOR UPDATE NOWAIT")) {
          select.setString(1, lock.name());
          try (ResultSet rows = select.executeQuery()) {
            rows.next();
          }
        } catch (SQLException e) {
          throw held(lock, e);
        }
      }
      return new NodeLease(connection, false);
    } catch (RuntimeException | SQLException e) {
      connection.rollback();
      connection.close();
      throw e;
    }
  }

  private static NodeStartException held(Lock lock, SQLException cause) {
    return new NodeStartException(
        "another running node holds '"
            + lock.name()
            + "' on this database; give each node its own hdp.node.id and run several"
            + " nodes only with hdp.node.clustered=true on every one of them",
        cause);
  }

  /** Ends a session's advisory locks before the connection goes back to the pool. */
  private static void unlockAll(Connection connection) throws SQLException {
    try (PreparedStatement unlock =
        connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
      unlock.execute();
    }
  }

  private static void ensureRow(DataSource dataSource, String name) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO hdp_node_lock (name) VALUES (?)")) {
      insert.setString(1, name);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      // The row exists from an earlier start: nothing to add.
    }
  }

  /** Releases the locks. */
  @Override
  public void close() throws SQLException {
    try {
      if (advisory) {
        unlockAll(connection);
      } else {
        connection.rollback();
      }
    } finally {
      connection.close();
    }
  }
}
