package dev.hdp.watcher.node;

import dev.hdp.watcher.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Row locks a running node holds on one open connection for its whole life, so that a second node
 * with the same id, or an unclustered node next to any other node on one database, fails at
 * start-up instead of running the same jobs twice. A crashed node's locks go with its connection.
 *
 * <p>Every node locks the row of its id exclusively, and the row of its scheduler: exclusively when
 * it runs unclustered (it must be alone), shared when clustered (clustered nodes run side by side,
 * but not next to an unclustered one). H2 has no shared row locks: there, clustered nodes take no
 * scheduler lock, and only unclustered nodes are kept apart; several nodes belong on PostgreSQL.
 */
final class NodeLease implements AutoCloseable {
  /** One lock row, held exclusively or shared with other nodes. */
  record Lock(String name, boolean shared) {}

  private final Connection connection;

  private NodeLease(Connection connection) {
    this.connection = connection;
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
    for (Lock lock : locks) {
      ensureRow(dataSource, lock.name());
    }
    Connection connection = dataSource.getConnection();
    try {
      Dialect dialect = Dialect.of(connection);
      connection.setAutoCommit(false);
      for (Lock lock : locks) {
        Optional<String> clause =
            lock.shared() ? dialect.sharedLockNowait() : Optional.of("FOR UPDATE NOWAIT");
        if (clause.isEmpty()) {
          continue;
        }
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT name FROM hdp_node_lock WHERE name = ? " + clause.get())) {
          select.setString(1, lock.name());
          try (ResultSet rows = select.executeQuery()) {
            rows.next();
          }
        } catch (SQLException e) {
          throw new NodeStartException(
              "another running node holds '"
                  + lock.name()
                  + "' on this database; give each node its own hdp.node.id and run several"
                  + " nodes only with hdp.node.clustered=true on every one of them",
              e);
        }
      }
      return new NodeLease(connection);
    } catch (RuntimeException | SQLException e) {
      connection.rollback();
      connection.close();
      throw e;
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
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
