package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.watcher.store.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeTest} on the throwaway PostgreSQL server (Quartz's PostgreSQL tables and delegate, the
 * node lease's row locks), and the lease between clustered and unclustered nodes, which needs
 * PostgreSQL's shared row locks.
 */
@Tag("postgres")
class NodePostgresIT extends NodeTest {
  @Override
  Properties databaseSettings(Path folder) {
    Properties properties = new Properties();
    properties.setProperty("hdp.db.url", PostgresServer.shared().createDatabase());
    properties.setProperty("hdp.db.user", PostgresServer.USER);
    return properties;
  }

  /** Starting a node with {@code config} fails, naming the lock another node holds. */
  private void assertRefused(NodeConfig config, String lock) {
    NodeStartException refused =
        assertThrows(
            NodeStartException.class, () -> Node.start(config, work.handlers(), Clock.systemUTC()));
    assertTrue(refused.getMessage().contains(lock), refused.getMessage());
  }

  @Test
  void clusteredNodesRunSideBySideButNeverNextToAnUnclusteredOne() {
    startNode(config(true, "node-a"));
    startNode(config(true, "node-b"));
    assertRefused(config(false, "node-c"), "'scheduler hdp'");
    assertRefused(config(true, "node-a"), "'node node-a'");
  }

  @Test
  void runningNodesLeaveNoTransactionOpenThatWouldHoldBackVacuum() throws Exception {
    startNode(config(true, "node-a"));
    startNode(config(true, "node-b"));
    Thread.sleep(3000);
    try (HikariDataSource pool = pool("activity");
        Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND xact_start < now() - interval '2 seconds'")) {
      rows.next();
      assertEquals(0, rows.getInt(1), "transactions open for more than 2 s");
    }
  }

  @Test
  void aClusteredNodeIsRefusedNextToAnUnclusteredOne() {
    startNode(config(false, "node-a"));
    assertRefused(config(true, "node-b"), "'scheduler hdp'");
  }
}
