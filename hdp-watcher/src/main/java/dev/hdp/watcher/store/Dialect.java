package dev.hdp.watcher.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The databases the store runs on; the SQL is shared, only Quartz's tables and delegate, and the
 * shared row lock, differ.
 */
public enum Dialect {
  H2(
      "/org/quartz/impl/jdbcjobstore/tables_h2.sql",
      "org.quartz.impl.jdbcjobstore.StdJDBCDelegate",
      Optional.empty()),
  POSTGRESQL(
      "/org/quartz/impl/jdbcjobstore/tables_postgres.sql",
      "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
      Optional.of("FOR SHARE NOWAIT"));

  private final String quartzTablesScript;
  private final String quartzDelegateClass;
  private final Optional<String> sharedLockNowait;

  Dialect(
      String quartzTablesScript, String quartzDelegateClass, Optional<String> sharedLockNowait) {
    this.quartzTablesScript = quartzTablesScript;
    this.quartzDelegateClass = quartzDelegateClass;
    this.sharedLockNowait = sharedLockNowait;
  }

  /**
   * The clause ending a {@code SELECT} that takes a shared row lock, failing at once when another
   * transaction holds the row exclusively; empty where the database has no shared row locks (H2).
   */
  public Optional<String> sharedLockNowait() {
    return sharedLockNowait;
  }

  /** The table script Quartz ships in its jar for this database. */
  public String quartzTablesScript() {
    return quartzTablesScript;
  }

  /** The Quartz JDBC delegate class for this database. */
  public String quartzDelegateClass() {
    return quartzDelegateClass;
  }

  /** Recognises the database behind a connection. */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return switch (product) {
      case "H2" -> H2;
      case "PostgreSQL" -> POSTGRESQL;
      default -> throw new StoreException("unsupported database: " + product);
    };
  }
}
