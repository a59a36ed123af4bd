package dev.hdp.watcher.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A store database for one test, migrated to the current schema: an H2 file in the test's temporary
 * folder, or a fresh database on the throwaway {@link PostgresServer}.
 */
final class TestDatabase implements AutoCloseable {
  /** The databases the store tests run on. */
  enum Kind {
    /** The default: Surefire runs the store tests on H2. */
    H2,
    /** The {@code *PostgresIT} subclasses run the same tests on PostgreSQL (Failsafe). */
    POSTGRES;

    /** A new, migrated database of this kind. */
    TestDatabase open(Path folder, Clock clock) {
      HikariDataSource pool = pool(folder, "test-store");
      try {
        Migrations.migrate(pool, clock);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
      return new TestDatabase(pool);
    }

    /** A pool on a new, empty database of this kind (not migrated). */
    HikariDataSource pool(Path folder, String poolName) {
      return switch (this) {
        case H2 ->
            Database.pool(Database.h2FileUrl(folder.resolve("node"), false), "sa", "", 8, poolName);
        case POSTGRES ->
            Database.pool(
                PostgresServer.shared().createDatabase(), PostgresServer.USER, "", 8, poolName);
      };
    }
  }

  final HikariDataSource dataSource;

  private TestDatabase(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
