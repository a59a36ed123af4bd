package dev.hdp.watcher.node;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Row locks a running node holds on one open connection for its whole life, so that a second node
 * with the same id, or a second node on a database an unclustered node uses, fails at start-up
 * instead of running the same jobs twice. A crashed node's locks go with its connection.
 */
final class NodeLease implements AutoCloseable {
  private final Connection connection;

  private NodeLease(Connection connection) {
    this.connection = connection;
  }

  /** The lock names a node takes: its id, and the scheduler too when it runs unclustered. */
  static List<String> namesFor(NodeConfig config) {
    return config.clustered()
        ? List.of("node " + config.nodeId())
        : List.of("node " + config.nodeId(), "unclustered scheduler " + config.schedulerName());
  }

  /**
   * Takes every lock in {@code names} without waiting.
   *
   * @throws NodeStartException naming the lock another node holds
   */
  static NodeLease acquire(DataSource dataSource, List<String> names) throws SQLException {
    for (String name : names) {
      ensureRow(dataSource, name);
    }
    Connection connection = dataSource.getConnection();
    try {
      connection.setAutoCommit(false);
      for (String name : names) {
        try (PreparedStatement lock =
            connection.prepareStatement(
                "SELECT name FROM hdp_node_lock WHERE name = ? FOR UPDATE NOWAIT")) {
          lock.setString(1, name);
          try (ResultSet rows = lock.executeQuery()) {
            rows.next();
          }
        } catch (SQLException e) {
          throw new NodeStartException(
              "another running node holds '"
                  + name
                  + "' on this database; give each node its own hdp.node.id and run several"
                  + " nodes only with hdp.node.clustered=true",
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
