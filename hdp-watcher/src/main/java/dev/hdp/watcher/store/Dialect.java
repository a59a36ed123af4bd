package dev.hdp.watcher.store;

import java.sql.Connection;
import java.sql.SQLException;

/** The databases the store runs on; the SQL is shared, only Quartz's tables and delegate differ. */
public enum Dialect {
  H2(
      "/org/quartz/impl/jdbcjobstore/tables_h2.sql",
      "org.quartz.impl.jdbcjobstore.StdJDBCDelegate",
      "BLOB"),
  POSTGRESQL(
      "/org/quartz/impl/jdbcjobstore/tables_postgres.sql",
      "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
      "BYTEA");

  private final String quartzTablesScript;
  private final String quartzDelegateClass;
  private final String bytesType;

  Dialect(String quartzTablesScript, String quartzDelegateClass, String bytesType) {
    this.quartzTablesScript = quartzTablesScript;
    this.quartzDelegateClass = quartzDelegateClass;
    this.bytesType = bytesType;
  }

  /** The column type for binary content ({@code ${bytes}} in our migration scripts). */
  public String bytesType() {
    return bytesType;
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
