package dev.hdp.watcher.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Creates and upgrades the schema at start-up from versioned SQL scripts, recording each applied
 * version in {@code hdp_schema_version}. A few scripts do not justify Flyway; this class only
 * applies what is missing, in order, and refuses a database newer than itself.
 */
public final class Migrations {
  /** One schema step: the script may depend on the database (Quartz ships one per database). */
  record Migration(int version, String description, Function<Dialect, String> script) {}

  static final List<Migration> ALL =
      List.of(
          new Migration(1, "task store", dialect -> "/db/migration/V1__task_store.sql"),
          new Migration(2, "Quartz job store tables", Dialect::quartzTablesScript),
          new Migration(3, "node locks", dialect -> "/db/migration/V3__node_lock.sql"),
          new Migration(
              4, "chain cursor and seen events", dialect -> "/db/migration/V4__chain_events.sql"),
          new Migration(5, "artifact contents", dialect -> "/db/migration/V5__artifacts.sql"));

  /** The schema version this code writes and reads. */
  public static final int CURRENT_VERSION = ALL.getLast().version();

  private Migrations() {}

  /**
   * Brings the database up to {@link #CURRENT_VERSION}.
   *
   * @return the versions applied now (empty when the schema was already current)
   * @throws StoreException when a script fails or the database is newer than this code
   */
  public static List<Integer> migrate(DataSource dataSource, Clock clock) {
    return migrateTo(dataSource, clock, CURRENT_VERSION);
  }

  /** Brings the database up to {@code version}: tests use it to make a database of older nodes. */
  static List<Integer> migrateTo(DataSource dataSource, Clock clock, int version) {
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(connection);
      if (dialect == Dialect.POSTGRESQL) {
        return withAdvisoryLock(connection, () -> migrate(connection, dialect, clock, version));
      }
      synchronized (H2_MIGRATIONS) {
        return migrate(connection, dialect, clock, version);
      }
    } catch (SQLException e) {
      throw new StoreException("schema migration failed: " + e.getMessage(), e);
    }
  }

  /**
   * Nodes starting together on one database must not both run a migration: the second one's {@code
   * CREATE TABLE} fails (even with {@code IF NOT EXISTS}, on PostgreSQL). On PostgreSQL a
   * session-level advisory lock, held while this connection migrates, makes the others wait. H2
   * serves a single node (several nodes belong on PostgreSQL): a lock in this JVM is enough.
   */
  private static final Object H2_MIGRATIONS = new Object();

  /** The advisory lock key of migrations on PostgreSQL ("hdp_migr" in ASCII). */
  private static final long ADVISORY_LOCK_KEY = 0x6864705f6d696772L;

  private interface Migrating {
    List<Integer> run() throws SQLException;
  }

  private static List<Integer> withAdvisoryLock(Connection connection, Migrating migrating)
      throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, ADVISORY_LOCK_KEY);
      lock.execute();
    }
    try {
      return migrating.run();
    } finally {
      try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, ADVISORY_LOCK_KEY);
        unlock.execute();
      }
    }
  }

  private static List<Integer> migrate(
      Connection connection, Dialect dialect, Clock clock, int version) throws SQLException {
    ensureVersionTable(connection);
    int current = currentVersion(connection);
    if (current > CURRENT_VERSION) {
      throw new StoreException(
          "database schema version "
              + current
              + " is newer than this node's "
              + CURRENT_VERSION
              + "; upgrade the node");
    }
    List<Integer> applied = new ArrayList<>();
    for (Migration migration : ALL) {
      if (migration.version() <= current || migration.version() > version) {
        continue;
      }
      apply(connection, dialect, migration, clock);
      applied.add(migration.version());
    }
    return applied;
  }

  /** The schema version stored in the database, 0 for an empty database. */
  public static int currentVersion(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if (!hasVersionTable(connection)) {
        return 0;
      }
      return currentVersion(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
    }
  }

  private static boolean hasVersionTable(Connection connection) throws SQLException {
    for (String name : List.of("hdp_schema_version", "HDP_SCHEMA_VERSION")) {
      try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static void ensureVersionTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS hdp_schema_version ("
              + " version INTEGER NOT NULL PRIMARY KEY,"
              + " description VARCHAR(200) NOT NULL,"
              + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM hdp_schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void apply(
      Connection connection, Dialect dialect, Migration migration, Clock clock)
      throws SQLException {
    String resource = migration.script().apply(dialect);
    // Our scripts are shared by both databases; ${bytes} stands for the one type they spell apart.
    List<String> statements =
        statements(readResource(resource).replace("${bytes}", dialect.bytesType()));
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO hdp_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        insert.setInt(1, migration.version());
        insert.setString(2, migration.description());
        Jdbc.setTime(insert, 3, clock.instant());
        insert.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw new SQLException(
          "migration " + migration.version() + " (" + resource + "): " + e.getMessage(), e);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String readResource(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration script missing from the class path: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read migration script " + resource, e);
    }
  }

  /**
   * Splits a script into statements: drops {@code --} comment lines, splits at semicolons (the
   * scripts have none inside literals) and skips {@code COMMIT}, since we commit ourselves.
   */
  static List<String> statements(String script) {
    StringBuilder body = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String part : body.toString().split(";")) {
      String sql = part.strip();
      if (!sql.isEmpty() && !sql.equalsIgnoreCase("COMMIT")) {
        statements.add(sql);
      }
    }
    return statements;
  }
}
